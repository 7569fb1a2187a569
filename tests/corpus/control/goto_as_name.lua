-- in LuaJIT goto is a statement only when followed by a name
print(loadstring("local goto = 1 return goto")())
print(loadstring("local t = {goto = 2} return t.goto")())
print(loadstring("goto = 3 return goto")())
