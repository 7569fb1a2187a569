-- local declarations, multiple assignment and default nil
local a, b, c = 1, 2
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
local f
print(f)
local g, h = (function() return 1, 2, 3 end)()
print(g, h)
