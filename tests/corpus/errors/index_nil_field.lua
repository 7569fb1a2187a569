-- uncaught indexing of a nil field
local t = {a = {}}
print(t.a.b.c)
