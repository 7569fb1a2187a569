-- many closures over one variable all see its updates
local x = 0
local fs = {}
for i = 1, 100 do fs[i] = function() return x + i end end
x = 1000
local sum = 0
for i = 1, 100 do sum = sum + fs[i]() end
print(sum)
