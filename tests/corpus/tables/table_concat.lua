-- table.concat with separators and ranges
local t = {1, "two", 3.5, "four"}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, "-", 2, 3))
print(table.concat({}, "x"), table.concat(t, "", 3, 2) == "")
print(pcall(table.concat, {1, {}, 3}))
