-- errors in code from loadstring use its chunk name
local f = loadstring("local x = nil\nreturn x.y", "=mychunk")
print(pcall(f))
local g = loadstring("error('from string')")
print(pcall(g))
local h = loadstring("error('named', 1)", "@virtual.lua")
print(pcall(h))
