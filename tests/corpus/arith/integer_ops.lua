-- integer arithmetic stays exact up to 2^53
local big = 2^53
print(big - 1, big + 1 == big, big + 2)
print(123456789 * 1000, 99999999 * 99999999)
print(2^31 * 2, 2^31 + 2^31 == 2^32)
print(0x7fffffff + 1, -0x80000000 - 1)
print(9007199254740991 + 0, 9007199254740991 - 9007199254740990)
