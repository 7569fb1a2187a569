-- table.concat errors name the offending index and type
print(pcall(table.concat, {1, {}, 3}))
print(pcall(table.concat, {1, 2, nil, 4}, ",", 1, 4))
print(pcall(table.concat, {true}))
print(pcall(table.concat, {1, 2}, {}))
print(pcall(table.concat, {}, ",", 1, 2))
print(table.concat({1, 2.5, "x"}, 0), table.concat({}, ","), table.concat({1, 2, 3}, ",", 3, 2))
print(table.concat({"a", "b", "c"}, ", ", 2), table.concat({[-1] = "m", [0] = "z", "a"}, "", -1, 1))
