-- yield works from functions called by the coroutine body
local function helper(x) return coroutine.yield(x * 10) end
local co = coroutine.wrap(function()
  local a = helper(1)
  local b = helper(2)
  return a + b
end)
print(co())
print(co(5))
print(co(6))
