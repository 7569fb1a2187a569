-- table.concat: invalid values and argument errors
print(pcall(table.concat, {1, {}, 3}))
print(pcall(table.concat, {1, 2, 3}, ",", 1, 5))
print(pcall(table.concat, {}, {}))
print(pcall(table.concat, {1, true}))
print(pcall(table.concat, {}, ",", "a"))
print(pcall(table.concat))
table.concat({1, 2, nil, 4}, ",", 1, 4)
