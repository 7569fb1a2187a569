-- bit operators need numbers and use no metamethods
print(pcall(function() return 5 & "3" end))
print(pcall(function() local t = {} return t | 1 end))
local m = setmetatable({}, {__band = function() return "meta" end})
print(pcall(function() return m & 1 end))
print(pcall(function() return ~nil end))
