-- table.insert: wrong argument counts and bad positions
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(table.insert, {}))
print(pcall(table.insert, {}, "x", 1))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert))
table.insert({}, 1, 2, 3)
