-- arithmetic on tables without metamethods fails
local t = {}
print(pcall(function() return t + 1 end))
print(pcall(function() return 1 - t end))
print(pcall(function() return -t end))
print(pcall(function() return t .. "" end))
print(pcall(function() return t < t end))
print(pcall(function() return t <= {} end))
