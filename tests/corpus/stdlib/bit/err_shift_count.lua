-- bit.lshift without a shift count, and with a bad one
print(pcall(bit.lshift, 1))
print(pcall(bit.ror, 1, "a"))
print(pcall(bit.tohex, 1, {}))
bit.rshift(1)
