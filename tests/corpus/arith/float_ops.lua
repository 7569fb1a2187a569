-- float arithmetic rounding shows in printed digits
print(0.1 * 3, 0.1 * 3 == 0.3)
print(1 - 0.9, 1e16 + 1, 1e16 + 2)
print(1 / 7, 22 / 7)
print(2.5 * 4, 7.5 / 2.5)
print(1e308 + 1e308, -1e308 - 1e308)
