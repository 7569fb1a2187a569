-- sin cos tan asin acos atan and hyperbolic functions on exact and edge values
local function p(...) local t = {...} for i = 1, #t do t[i] = string.format("%.14g", t[i]) end print(table.concat(t, " ")) end
p(math.sin(0), math.sin(math.pi / 2), math.cos(0), math.cos(math.pi), math.tan(math.pi / 4))
p(math.asin(1), math.acos(-1), math.atan(1), math.atan(1/0), math.atan(-1/0))
p(math.sinh(1), math.cosh(1), math.tanh(1), math.tanh(1/0), math.sinh(-0.0))
p(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1), math.atan2(-0.0, -1), math.atan2(0, 0))
print(math.asin(2) ~= math.asin(2), math.acos(-2) ~= math.acos(-2), math.sin(1/0) ~= math.sin(1/0))
