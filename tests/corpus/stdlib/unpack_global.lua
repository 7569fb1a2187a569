-- unpack is a global in LuaJIT and table.unpack is not
print(type(unpack), type(table.unpack))
print(unpack({1, 2}))
