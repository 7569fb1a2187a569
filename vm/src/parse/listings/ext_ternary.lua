local a, b = ...
print(a ? 1 : 2, a < b ? a : b, a ? b ? 1 : 2 : 3, a ? (b) : nil)
local c = a and b ? "x" : "y"
local d = a ? b : c ? 1 : 2
print(c ? (a.m)(a) : b:n(), (a ? b : c).x)
return a ? f() : g()
