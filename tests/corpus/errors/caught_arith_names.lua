-- caught arithmetic errors name locals, globals, fields, upvalues and constants
local loc
local up
print(pcall(function() local l return l + 1 end))
print(pcall(function() return glob * 2 end))
print(pcall(function() local t = {} return t.f / 2 end))
print(pcall(function() return up % 2 end))
print(pcall(function() return 1 + "abc" end))
print(pcall(function() local t = {} return 2 ^ t.pow end))
print(pcall(function() return loc - up end))
