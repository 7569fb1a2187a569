-- tonumber with explicit bases 2..36, letters in either case, and digits out of range
print(tonumber("101", 2), tonumber("777", 8), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36), tonumber("ZZ", 36))
print(tonumber("2", 2), tonumber("9", 8), tonumber("g", 16), tonumber("10", 36), tonumber("-ff", 16), tonumber("  11  ", 2))
print(tonumber("", 10), tonumber(" ", 16), tonumber("1 1", 2), tonumber("0x10", 16), tonumber("7fffffff", 16), tonumber("ffffffff", 16))
print(tonumber("1e2", 10), tonumber("1.5", 10), tonumber(10, 16), tonumber("100000000000000", 16))
