-- deep recursion in several coroutines at once
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local cos = {}
for i = 1, 5 do
  cos[i] = coroutine.create(function(n) coroutine.yield(depth(n)) return depth(n * 2) end)
end
local out = {}
for i = 1, 5 do local _, v = coroutine.resume(cos[i], i * 1000) out[#out + 1] = v end
for i = 1, 5 do local _, v = coroutine.resume(cos[i]) out[#out + 1] = v end
print(table.concat(out, " "))
