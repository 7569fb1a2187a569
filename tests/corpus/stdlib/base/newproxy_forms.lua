-- newproxy with no argument, true, false, another proxy, and bad arguments
local a = newproxy()
local b = newproxy(true)
local c = newproxy(b)
print(type(a), getmetatable(a), type(getmetatable(b)), getmetatable(c) == getmetatable(b))
print(getmetatable(newproxy(false)))
getmetatable(b).__index = function(_, k) return k .. "!" end
print(b.hi, c.there)
print(pcall(newproxy, a))
print(pcall(newproxy, {}))
print(pcall(newproxy, 1))
