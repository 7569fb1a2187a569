-- arithmetic precedence: ^ over unary minus over * / % over + -
print(1 + 2 * 3, (1 + 2) * 3)
print(2 * 3 ^ 2, (2 * 3) ^ 2)
print(-2 ^ 2, (-2) ^ 2)
print(10 - 4 - 3, 10 - (4 - 3))
print(2 ^ 3 ^ 2, (2 ^ 3) ^ 2)
print(7 % 3 * 2, 7 % (3 * 2))
print(100 / 10 / 5, 100 / (10 / 5))
print(-3 ^ -2)
