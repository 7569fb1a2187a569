-- tonumber with a base reads like strtoul: 0x prefix in base 16, signs, NUL ends the string, 64-bit saturation
print(tonumber("0x10", 16), tonumber("0X1f", 16), tonumber("0x", 16), tonumber("  -0x10", 16), tonumber("+7", 8), tonumber("- 7", 8), tonumber("7 ", 8), tonumber("0x10", 10), tonumber("ffffffffffffffff", 16), tonumber("1ffffffffffffffff", 16), tonumber("zzzzzzzzzzzzzz", 36))
print(tonumber("10\0zz", 2), tonumber("\v12\f", 10), tonumber("\v12\f", 8), tonumber("0xg", 16), tonumber("-", 16), tonumber("1", "16"), tonumber("z", 36.9))
