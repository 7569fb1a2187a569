-- math.random and math.randomseed argument errors
print(pcall(math.random, "x"))
print(pcall(math.random, 1, "x"))
print(pcall(math.random, nil))
print(pcall(math.randomseed, {}))
math.random(1, {})
