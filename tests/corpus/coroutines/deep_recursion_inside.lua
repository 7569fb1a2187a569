-- recursion inside a coroutine and a yield from deep inside
local function dive(n)
  if n == 0 then return coroutine.yield("bottom") end
  return dive(n - 1) + 0
end
local co = coroutine.create(function() return dive(1000) end)
print(coroutine.resume(co))
print(coroutine.resume(co, 7))
