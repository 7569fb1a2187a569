-- __metatable protects a metatable from getmetatable and setmetatable
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
print(getmetatable("abc").__index == string)
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, 1, {}))
print(setmetatable({}, nil) ~= nil)
print(getmetatable(1), getmetatable(nil))
