-- table.sort: bad comparator argument, incomparable values, errors in the comparator
print(pcall(table.sort, {3, 1, 2}, 1))
print(pcall(table.sort, {3, "a", 2}))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort, {3, 1, 2}, function(a, b) error("cmp failed") end))
print(pcall(table.sort))
table.sort({1, 2}, "x")
