-- Lua 5.2 functions missing from LuaJIT's default build
print(rawlen, table.pack, table.unpack)
print(type(load), type(loadstring), type(setfenv), type(getfenv))
print(type(math.log10), type(string.gfind))
