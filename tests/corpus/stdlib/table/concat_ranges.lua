-- table.concat: separators, ranges, numbers formatted as %.14g
local t = {1, 2.5, "x", 1/3, 1e100, -0.0, 2^53}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, "-", 2, 4))
print(table.concat(t, "-", 3, 3), table.concat(t, "-", 4, 3) == "", table.concat({}, "x") == "")
print(table.concat({1, 2, 3}, 0), table.concat({1, 2, 3}, "", "2"), table.concat({1, 2, 3}, nil, 2.9, 3.9))
local h = {[0] = "zero", [-1] = "m1", "one"}
print(table.concat(h, ",", -1, 1))
