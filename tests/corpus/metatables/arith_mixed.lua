-- arithmetic metamethods with a number on either side
local mt = {__add = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av + bv
end}
local t = setmetatable({v = 10}, mt)
print(t + 1, 1 + t, t + t, "5" + t)
