-- ^ on integers, fractions and special values
print(2 ^ 10, 2 ^ 0.5, 4 ^ 0.5, 10 ^ -2)
print(0 ^ 0, 0 ^ -1, (-8) ^ (1/3) ~= (-8) ^ (1/3))
print(math.huge ^ 0, 1 ^ math.huge)
print((-2) ^ 3, (-2) ^ 2)
