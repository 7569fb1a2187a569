-- uncaught length of a number field
local t = {n = 5}
print(#t.n)
