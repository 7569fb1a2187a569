-- string.format %d with values that are not integers or not numbers
print(pcall(string.format, "%d", "x"))
print(pcall(string.format, "%d", {}))
print(pcall(string.format, "%d"))
print(pcall(string.format, "%d", 1/0))
print(pcall(string.format, "%d", 0/0))
print(pcall(string.format, "%d", 2^63))
print(pcall(string.format, "%d", -2^63))
print(pcall(string.format, "%d", 1e100))
