-- bit.bor with a non-numeric argument after valid ones
print(pcall(bit.bor, 1, 2, "x"))
print(pcall(bit.bxor, 1, {}))
bit.bor(1, nil)
