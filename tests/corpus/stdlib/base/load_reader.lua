-- load with a reader function: pieces, empty strings, nil and non-string pieces
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
local once = false
print(load(function() if once then return nil end once = true; return "return 'x'" end)())
local n = 0
print(type(load(function() n = n + 1; if n == 1 then return "" end return "return 1" end)), n)
n = 0
print(pcall(load, function() n = n + 1; if n == 1 then return 42 end end))
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
print(type(load(function() return nil end)))
print(pcall(load))
print(select("#", pcall(load, "return 1")))
