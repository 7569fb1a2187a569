-- tonumber with an explicit base
print(tonumber("ff", 16), tonumber("FF", 16), tonumber("777", 8), tonumber("11", 2))
print(tonumber("z", 36), tonumber("Z", 36), tonumber("10", 36))
print(tonumber("8", 8), tonumber("2", 2), tonumber("g", 16))
print(tonumber("  1010  ", 2), tonumber("-ff", 16))
print(pcall(tonumber, "1", 1))
print(pcall(tonumber, "1", 37))
