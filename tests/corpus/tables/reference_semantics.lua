-- tables are shared by reference
local a = {1, 2}
local b = a
b[1] = "changed"
print(a[1])
local function mutate(t) t.x = "set in function" end
mutate(a)
print(b.x)
print(a == b, {} == {})
