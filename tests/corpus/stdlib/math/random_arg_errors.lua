-- math.random argument errors: empty intervals, too many arguments, non-numbers
print(pcall(math.random, 0))
print(pcall(math.random, 5, 1))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, "x"))
print(pcall(math.randomseed))
print(pcall(math.randomseed, "x"))
print(math.randomseed(1), select('#', math.randomseed(1)))
