-- LuaJIT can yield inside metamethods
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __add = function(a, b) return coroutine.yield("add") end,
}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local v = t.foo
  local s = t + 1
  return "results", v, s
end)
print(co())
print(co("value of foo"))
print(co(99))
