-- expressions that need many temporary registers at once
local a, b, c, d, e = 1, 2, 3, 4, 5
local function f(...) return select("#", ...), ... end
print(f(a + b * c, (d - e) / a, b ^ c, a .. b .. c, -d, not e, #"xyz", ({a, b})[2], (function() return e end)()))
print(((a + b) * (c + d) - (e - a) * (b + c)) / ((a * b) + (c * d) - e), a < b and c < d and e or 0)
local t = {f(f(f(a, b), c), d)}
print(#t, t[1], t[2], t[3])
