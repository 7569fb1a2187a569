-- table.concat formats numbers as tostring does
print(table.concat({0.1, 1e15, 1e16, 123456789012345678, -0.0, 1/0, -1/0, 2^-1074}, " "))
print(table.concat({1, 2, 3}, 4.5))
