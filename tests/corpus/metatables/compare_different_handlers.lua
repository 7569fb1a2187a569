-- __lt and __le with different handlers on the two operands
local a = setmetatable({}, {__lt = function() return "a's" end, __le = function() return true end})
local b = setmetatable({}, {__lt = function() return "b's" end, __le = function() return false end})
print(pcall(function() return a < b end))
print(pcall(function() return b < a end))
print(pcall(function() return a <= b end))
local c = setmetatable({}, {})
print(pcall(function() return a < c end))
print(pcall(function() return c < a end))
