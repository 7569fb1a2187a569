local a = 1
local b = 2

print(a,
 b)
print(3)print(4)
