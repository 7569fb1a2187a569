-- bit shifts and rotations, with counts taken modulo 32
for _, n in ipairs({0, 1, 4, 31, 32, 33, -1, 36.5}) do
  print(n, bit.lshift(1, n), bit.rshift(-256, n), bit.arshift(-256, n),
    bit.rol(0x12345678, n), bit.ror(0x12345678, n))
end
print(bit.lshift(0x7fffffff, 1), bit.rshift(0x80000000, 31), bit.arshift(0x80000000, 31))
