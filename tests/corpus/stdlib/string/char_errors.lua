-- string.char with boundary codes and invalid values
print(#string.char(), string.char(0, 255):byte(1, -1))
print(pcall(string.char, 256))
print(pcall(string.char, -1))
print(pcall(string.char, "x"))
print(pcall(string.char, 65, nil))
print(string.char("65", 66.7))
