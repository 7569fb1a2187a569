-- bit.arshift keeps the sign, bit.rshift shifts in zeros
for _, x in ipairs({-1, -2, -256, -2^31, 2^31 - 1, 12345}) do
  print(x, bit.arshift(x, 1), bit.rshift(x, 1), bit.arshift(x, 31), bit.rshift(x, 31), bit.arshift(x, 8))
end
