-- __eq on userdata compares different proxies that share the handler
local eq = function(a, b) return true end
local a = newproxy(true)
getmetatable(a).__eq = eq
local b = newproxy(a)
local c = newproxy(true)
getmetatable(c).__eq = eq
local d = newproxy(true)
getmetatable(d).__eq = function() return true end
print(a == b, a == c, a == d, a ~= d)
