-- select over many arguments
local function count(...) return select("#", ...) end
local t = {}
for i = 1, 250 do t[i] = i end
print(count(unpack(t)), select(250, unpack(t)), select(-250, unpack(t)))
print(select(200, unpack(t)))
