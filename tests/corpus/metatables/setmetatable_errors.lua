-- setmetatable argument checks
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, {}))
print(select("#", setmetatable({}, nil)))
local t = {}
print(setmetatable(t, {}) == t)
