-- math.log: an explicit nil base is an error, not the natural logarithm
print(pcall(math.log, 10, nil))
print(pcall(math.log, 2, "x"))
print(pcall(math.log))
