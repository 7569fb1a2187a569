-- os.clock returns a non-negative, non-decreasing number
local a = os.clock()
local x = 0
for i = 1, 100000 do x = x + i end
local b = os.clock()
print(type(a), a >= 0, b >= a)
