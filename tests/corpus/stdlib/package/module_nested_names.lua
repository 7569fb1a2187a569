-- module with a dotted name builds the nested tables
local function body() module("a.b.c") x = 1 end
body()
print(type(a), type(a.b), type(a.b.c), a.b.c._NAME, a.b.c._PACKAGE, a.b.c.x)
print(pcall(module))
a2 = 5
print(pcall(module, "a2.sub"))
