-- a few math functions used to observe numbers
print(math.abs(-3), math.abs(3.5), math.max(3, 7, 5), math.min(3, 7, 5))
print(math.sqrt(16), math.sqrt(2))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3))
print(math.modf(3.7))
print(math.modf(-3.7))
print(math.huge > 0, math.pi > 3.14)
