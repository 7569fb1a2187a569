-- yields from __concat in a chain of several operands
local mt = {__concat = function(a, b)
  local as = type(a) == "table" and "T" or a
  local bs = type(b) == "table" and "T" or b
  return coroutine.yield(as .. "|" .. bs)
end}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  return t .. "x" .. t
end)
print(co())
print(co("R1"))
print(co("R2"))
