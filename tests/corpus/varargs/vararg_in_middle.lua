-- ... not in last position gives only its first value
local function f(...) return ..., "x" end
print(f(1, 2, 3))
print(f())
local function g(...) local a, b = ..., "y" return a, b end
print(g(7, 8, 9))
