-- malformed number literals
print(loadstring("x = 1e"))
print(loadstring("x = 0x"))
print(loadstring("x = 1.2.3"))
print(loadstring("x = 3x"))
print(loadstring("x = 0xg"))
