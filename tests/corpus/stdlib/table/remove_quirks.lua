-- table.remove on empty tables, past the border, at zero and at negative positions
local t = {}
print(table.remove(t), #t)
print(table.remove({}, 0), table.remove({}, 1), table.remove({}, 5))
local u = {1, 2, 3}
print(table.remove(u, 5), #u)
print(table.remove(u, -1), #u)
print(table.remove(u, 0), #u)
local v = {[0] = "z", 1}
print(table.remove(v, 0), v[0], #v)
print(pcall(table.remove, "x"))
print(table.remove({1, 2, 3}, "2"))
print(pcall(table.remove, {1, 2}, "x"))
