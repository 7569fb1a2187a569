-- bit.tohex: digit counts, negative counts for upper case, capping at 254
print(bit.tohex(255), bit.tohex(-1), bit.tohex(0x12345678, 4), bit.tohex(255, 2))
print(bit.tohex(255, -2), bit.tohex(255, 0), bit.tohex(-1, -8), bit.tohex(0xabcdef, -6))
print(bit.tohex(1, 12), #bit.tohex(1, 300), #bit.tohex(1, -300), bit.tohex(1, 2^32+3))
print(#bit.tohex(1, -2^31), bit.tohex(2^32 + 0xff), bit.tohex(1.5), bit.tohex(-0.5))
