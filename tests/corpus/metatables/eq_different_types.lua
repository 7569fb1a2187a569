-- __eq is never called for values of different types
local calls = 0
local mt = {__eq = function() calls = calls + 1 return true end}
local t = setmetatable({}, mt)
local u = newproxy(true)
getmetatable(u).__eq = mt.__eq
print(t == u, t == 1, t == "x", calls)
local u2 = newproxy(u)
print(u == u2, calls)
