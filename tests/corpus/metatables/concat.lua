-- __concat is used when either operand is not a string or number
local mt = {__concat = function(a, b)
  local as = type(a) == "table" and "T" or tostring(a)
  local bs = type(b) == "table" and "T" or tostring(b)
  return as .. bs
end}
local t = setmetatable({}, mt)
print(t .. "x", "x" .. t, t .. t, 1 .. t)
print("a" .. "b" .. t .. "c")
