-- string.char and string.byte over ranges
print(string.byte("abcdef", 2, 4))
print(string.byte("abc", 10))
print(string.char())
print(pcall(string.char, 256))
print(#string.char(0, 255))
