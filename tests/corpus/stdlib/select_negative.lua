-- select with negative indices counts from the end
print(select(-1, 1, 2, 3))
print(select(-2, 1, 2, 3))
print(select("#"))
print(pcall(select, "x"))
