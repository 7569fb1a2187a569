-- unary operators: -, not, # and their stacking
print(- - 2, not not nil, not not 0)
print(-(-3), - -(-3))
print(not 1 == 2, not (1 == 2))
print(#"abc" + 1, -#"abc")
print(2 ^ -1, - 2 ^ - 2)
local x = 5
print(-x, - -x, -x ^ 2)
