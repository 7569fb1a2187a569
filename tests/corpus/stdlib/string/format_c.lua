-- string.format %c with width, zero bytes and out-of-range codes
print(string.format("%c%c%c", 76, 117, 97))
print(string.format("[%5c]", 65), string.format("[%-5c]", 65))
print(#string.format("%c", 0), string.format("%c", 256) == string.format("%c", 0), string.byte(string.format("%c", 300)))
print(pcall(string.format, "%c", "x"))
