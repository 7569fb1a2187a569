-- math.floor and math.ceil on positive, negative and special values
print(math.floor(3.7), math.floor(-3.7), math.floor(3), math.floor(-0.5))
print(math.ceil(3.2), math.ceil(-3.2), math.ceil(3), math.ceil(-0.5))
print(math.floor(2^52 + 0.5), math.floor(-2^52 - 0.5))
print(math.floor(1e100) == 1e100)
