-- Lua 5.4 local attributes are syntax errors in LuaJIT
print(loadstring("local x <const> = 1"))
print(loadstring("local y <close> = nil"))
