-- ternary, ?? and logical operators combined with precedence
local a, b, c = nil, false, 0
print(a ?? b ?? c, (a ?? b) ?? c, a || b ?? c, a && 1 ?? 2)
print(c ? a ?? "n" : "x", b ? 1 : a ? 2 : 3)
print(1 + 2 == 3 ? "eq" : "ne", #"ab" << 2, -2 ^ 2 | 0)
print(!a == true, !(a == true), pcall(function() return "a" .. 1 << 2 end))
local f = || -> 1, 2, 3
print((c ? f() : 0), c ? f() : 0)
print(select("#", nil ?? f()), nil ?? f())
