-- two generators from the same function keep separate state
local function counter(start)
  return coroutine.wrap(function()
    local n = start
    while true do coroutine.yield(n) n = n + 1 end
  end)
end
local a, b = counter(1), counter(100)
print(a(), a(), b(), a(), b())
