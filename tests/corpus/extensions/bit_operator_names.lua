-- errors of bit operators name the offending operand like arithmetic errors do
local t = {x = "7"}
g = {}
local up = true
print(pcall(function() return t.x & 1 end))
print(pcall(function() return 1 | g end))
print(pcall(function() return ~up end))
print(pcall(function() return 1 << t.y end))
print(pcall(function() local s = "3" return s >> 1 end))
print(pcall(function() return 2 ~>> {} end))
print(pcall(function() return "1" ~ 2 end))
local mt = {__bor = function() return "no" end, __add = function() return "add" end}
local o = setmetatable({}, mt)
print(pcall(function() return o | 1 end), o + 1)
