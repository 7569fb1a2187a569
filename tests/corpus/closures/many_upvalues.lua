-- a closure with many upvalues and nested captures
local a, b, c, d, e, f, g, h = 1, 2, 3, 4, 5, 6, 7, 8
local function sum() return a + b + c + d + e + f + g + h end
local function bump() a, b, c, d, e, f, g, h = h, a, b, c, d, e, f, g end
print(sum())
bump()
print(a, b, h, sum())
local function nest() return function() return function() return a * h end end end
print(nest()()())
