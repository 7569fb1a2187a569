-- unary minus on constants, locals, and expressions
local a = 3
print(-a, -(-a), -(a + 1), -a * 2, - - -a)
print(-0x10, -1e2, -(2 ^ 2))
local z = 0
print(-z, 1 / -z)
