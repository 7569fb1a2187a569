-- caught concatenation errors name the offending operand
local up = {}
print(pcall(function() local l = nil return "x" .. l end))
print(pcall(function() return "x" .. gvar end))
print(pcall(function() local t = {} return t.f .. "x" end))
print(pcall(function() return "a" .. up .. "b" end))
print(pcall(function() return 1 .. {} end))
print(pcall(function() local a, b = "a", nil return a .. "-" .. b .. "-" end))
