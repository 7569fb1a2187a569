-- bit.band/bor/bxor with one and many arguments
print(bit.band(0xff), bit.bor(5), bit.bxor(-1))
print(bit.band(0xff, 0x0f, 0x3c), bit.bor(1, 2, 4, 8, 16), bit.bxor(1, 3, 7, 15))
print(bit.band(-1, 2^32 + 5), bit.bor(2^31, 1), bit.bxor(0xffffffff, 0x0f0f0f0f))
print(bit.bnot(0), bit.bnot(-1), bit.bnot(0x12345678), bit.bswap(0x12345678), bit.bswap(1))
