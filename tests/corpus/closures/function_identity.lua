-- each evaluation of a function expression makes a new closure
local fs = {}
for i = 1, 2 do fs[i] = function() end end
print(fs[1] == fs[2], fs[1] == fs[1])
local function same() return print end
print(same() == same())
