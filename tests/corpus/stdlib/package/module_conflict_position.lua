-- module's name conflict raised from Lua code carries the caller's position
conflict = 5
local ok, e = pcall(function() module("conflict") end)
print(ok, e)
