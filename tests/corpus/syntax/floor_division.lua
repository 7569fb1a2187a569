-- the // operator is not part of LuaJIT's syntax
print(loadstring("return 7 // 2"))
print(loadstring("local a = 1 a //= 2"))
