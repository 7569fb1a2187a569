-- comparisons between integer-valued and fractional numbers
print(1 < 1.5, 2 > 1.999999, -0 < 0, -0 <= 0, 0 > -0)
print(2^53 == 2^53 + 1, 1e300 < math.huge, -math.huge < -1e300)
print(0.1 + 0.2 > 0.3, 1/3 * 3 == 1)
