local a, b = ...
print(a ? 1 : 2, a < b ? a : b, a ? b ? 1 : 2 : 3, a ? (b):m() : nil)
local c = a and b ? "x" : "y"
return a ? f() : g()
