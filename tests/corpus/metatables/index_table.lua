-- __index as a table supplies missing fields
local defaults = {color = "red", size = 1}
local t = setmetatable({size = 5}, {__index = defaults})
print(t.color, t.size, t.missing)
print(rawget(t, "color"))
defaults.color = "blue"
print(t.color)
