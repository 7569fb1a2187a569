-- yields through pcall inside a metamethod inside a coroutine
local mt = {__index = function(t, k)
  local ok, v = pcall(function() return coroutine.yield("need " .. k) end)
  return ok and v or "failed"
end}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  return t.a .. "," .. t.b
end)
print(co())
print(co("A"))
print(co("B"))
