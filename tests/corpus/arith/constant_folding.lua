-- constant expressions give the same results as computed ones
local one, two, zero = 1, 2, 0
print(1 + 2, one + two)
print(1 / 0, one / zero)
print(0 / 0 ~= 0 / 0, zero / zero ~= zero / zero)
print(-0, -zero)
print(2 ^ 0.5, two ^ 0.5)
print(7 % -3, 7 % -(two + 1))
print(1e308 * 10, 1e308 * (10 * one))
