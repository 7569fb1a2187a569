-- numbers at the edges of the double range
print(1e308 * 10, -1e308 * 10)
print(2^53, 2^53 + 1, 2^63)
print(1e-320 > 0, 5e-324 > 0)
print(9007199254740993)
print(1e400, -1e400)
