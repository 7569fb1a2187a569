-- integer-valued floats print without a decimal point
print(0, 1, -1, 42, 1.0, -7.0, 100.0)
print(2^31, 2^32, -2^31, 2^52)
print(1e14, 1e15, 123456789012345, 1234567890123456)
print(3 * 1.5, 10 / 4 * 4)
