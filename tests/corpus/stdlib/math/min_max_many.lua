-- math.min/max over many arguments and numeric strings
print(math.min(5, 3, 9, -2, 7), math.max(5, 3, 9, -2, 7), math.min("10", 9), math.max("1e2", 99))
print(math.min(1/0, -1/0), math.max(1/0, -1/0), math.min(2^53, 2^53 + 1), select("#", math.max(1, 2)))
