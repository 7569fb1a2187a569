-- bit.bswap on several patterns, and twice is the identity
for _, x in ipairs({0, 1, 0xff, 0x1234, 0x12345678, -1, -2, 0x80000000, 2^32 + 0x0102}) do
  print(bit.tohex(x), bit.tohex(bit.bswap(x)), bit.bswap(bit.bswap(x)) == bit.tobit(x))
end
