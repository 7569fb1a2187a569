-- errors on values reached through numeric or computed keys
local t = {{}}
print(pcall(function() return t[2].x end))
print(pcall(function() t[1].f() end))
print(pcall(function() return t[1].v + 1 end))
print(pcall(function() local k = "key" return t[1][k] .. "" end))
