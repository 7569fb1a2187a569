-- comparing a table with a number does not use __lt
local mt = {__lt = function() return true end}
local t = setmetatable({}, mt)
print(pcall(function() return t < 1 end))
print(pcall(function() return 1 < t end))
print(pcall(function() return t < setmetatable({}, mt) end))
