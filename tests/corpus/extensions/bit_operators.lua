-- LuaJIT 2.1's backported bit operators work on 32-bit integers like the bit library
print(5 & 3, 5 | 3, 5 ~ 3, ~5, ~0)
print(1 << 4, 256 >> 4, -8 >> 1, -8 ~>> 1, 5 ~>> 1)
print(1 << 32, 1 << 31, 1 >> 33, 0xffffffff & 1, 2^32 | 0, -1 & 0xff)
print(1.5 | 0, -1.5 | 0, 2.5 | 0, 2^31 | 0)
