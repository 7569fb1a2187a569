-- caught length errors name the operand
local up = 5
print(pcall(function() local l return #l end))
print(pcall(function() return #gl end))
print(pcall(function() return #up end))
print(pcall(function() local t = {} return #t.f end))
print(pcall(function() return #true end))
