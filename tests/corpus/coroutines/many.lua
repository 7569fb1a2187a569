-- many coroutines alive at once keep separate state
local cos = {}
for i = 1, 100 do
  cos[i] = coroutine.create(function(x) local acc = x while true do acc = acc + coroutine.yield(acc) end end)
  coroutine.resume(cos[i], i)
end
local total = 0
for i = 1, 100 do local _, v = coroutine.resume(cos[i], 1000) total = total + v end
print(total)
