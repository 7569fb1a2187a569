-- tonumber with a base out of range or a non-string value
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))
print(pcall(tonumber, "10", 0))
print(pcall(tonumber, {}, 10))
print(pcall(tonumber))
print(pcall(tonumber, "10", "x"))
print(pcall(tonumber, nil))
