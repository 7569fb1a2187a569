-- math.deg/rad are Lua functions in LuaJIT: __mul applies, errors are arithmetic errors
print(math.deg(math.pi), math.rad(180), math.deg(1), math.rad(1), math.deg("1"))
local t = setmetatable({}, {__mul = function(a, b) return "mul" end})
print(math.deg(t), math.rad(t))
print(pcall(math.deg))
print(pcall(math.rad, "x"))
print(pcall(math.deg, {}))
