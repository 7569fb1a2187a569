-- os.clock is a number that does not go backwards
local a = os.clock()
local x = 0
for i = 1, 100000 do x = x + i end
local b = os.clock()
print(type(a), b >= a, a >= 0)
