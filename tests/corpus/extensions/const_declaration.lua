-- const declares locals that can't be assigned
const a, b = 1, 2
print(a + b)
const t = {}
t.field = "fields can change"
print(t.field)
print(loadstring("const k = 1 k = 2"))
print(loadstring("const k = 1 local function f() k = 2 end"))
print(loadstring("const k = 1 k += 1"))
local const = "const is still a name here"
print(const)
