-- lower, upper, reverse, len on ASCII, bytes above 127 and zeros
local s = "Hello, World! \0\200\255 ÄÖ"
print(s:lower(), s:upper())
print(("abc\0def"):reverse():byte(1, -1))
print(s:len(), #s, ("").reverse(""), string.len(123))
print(pcall(string.upper))
print(pcall(string.len, {}))
print(pcall(string.reverse, nil))
