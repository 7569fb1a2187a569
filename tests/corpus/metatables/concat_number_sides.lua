-- __concat with numbers on either side
local t = setmetatable({}, {__concat = function(a, b)
  return (type(a) == "table" and "T" or a) .. "+" .. (type(b) == "table" and "T" or b)
end})
print(1 .. t, t .. 2, 1.5 .. t, t .. "s")
print(1 .. 2 .. t)
print(t .. 1 .. 2)
