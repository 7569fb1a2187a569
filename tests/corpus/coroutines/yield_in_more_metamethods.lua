-- yields from __newindex, __call, __concat, __lt and __eq handlers
local mt = {
  __newindex = function(t, k, v) rawset(t, k, coroutine.yield("newindex " .. k)) end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local u = setmetatable({}, mt)
  t.key = "ignored"
  local c = t(5)
  local s = t .. "x"
  local lt = t < u
  local eq = t == u
  return rawget(t, "key"), c, s, lt, eq
end)
print(co())
print(co("stored"))
print(co("call result"))
print(co("concat result"))
print(co(false))
print(co(1))
