-- table.sort with comparators that raise errors or are not functions
print(pcall(table.sort, {3, 1, 2}, function(a, b) error("cmp failed") end))
print(pcall(table.sort, {3, 1, 2}, 42))
print(pcall(table.sort, {3, 1, 2}, "x"))
print(pcall(table.sort, {3, "a", 2}))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort))
local t = {5, 4, 3}
table.sort(t, nil)
print(t[1], t[2], t[3])
