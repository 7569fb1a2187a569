-- error values of every type come back unchanged from pcall
local t = {}
print(pcall(error, nil))
print(pcall(error, false))
print(pcall(error, 12))
print(select(2, pcall(error, t)) == t)
print(select(2, pcall(error, print)) == print)
local ok, v = pcall(error, setmetatable({}, {__tostring = function() return "obj" end}))
print(ok, tostring(v))
