-- pcall passes extra arguments to the function
print(pcall(function(a, b) return a + b end, 3, 4))
print(pcall(string.rep, "ab", 3))
print(pcall(math.max, 5, 9, 2))
print(pcall(select, "#", nil, nil))
