-- error(msg, 2) in a __mul called by math.deg points into LuaJIT's Lua-written builtin
local t = setmetatable({}, {__mul = function(a, b) error("mm", 2) end})
print(pcall(math.deg, t))
