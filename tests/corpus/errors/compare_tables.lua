-- uncaught comparison of two tables
local a, b = {}, {}
print(a < b)
