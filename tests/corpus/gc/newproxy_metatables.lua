-- newproxy shares or creates metatables
local a = newproxy(true)
local b = newproxy(a)
local c = newproxy(false)
print(type(a), getmetatable(a) == getmetatable(b), getmetatable(c))
getmetatable(a).__index = function(_, k) return "proxy " .. k end
print(b.anything)
print(pcall(newproxy, {}))
