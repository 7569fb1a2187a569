-- table.insert with positions at, past and before the border, and too many arguments
local t = {1, 2, 3}
table.insert(t, 5, "x")
print(#t, t[4], t[5])
local u = {1, 2, 3}
table.insert(u, 4, "end")
print(table.concat(u, ","))
print(pcall(table.insert, {1, 2}, 1, 2, 3))
print(pcall(table.insert, {1}))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert, {}, "x", 1))
local v = {}
table.insert(v, 0, "zero")
table.insert(v, -1, "neg")
print(v[0], v[-1], #v)
