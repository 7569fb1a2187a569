-- caught index errors describe where the indexed value came from
local up
print(pcall(function() local l return l.x end))
print(pcall(function() return gl.x end))
print(pcall(function() local t = {} return t.a.x end))
print(pcall(function() return up.x end))
print(pcall(function() local t, k = {}, "key" return t[k].x end))
print(pcall(function() local t = {} return t[1].x end))
print(pcall(function() local function f() end return f().x end))
print(pcall(function() return ("s").x.y end))
