-- strings share a metatable whose __index is the string table
local mt = getmetatable("")
print(type(mt), mt.__index == string)
print(("abc"):upper(), ("x"):rep(3, ","))
print(getmetatable("a") == getmetatable("b"))
print(getmetatable(1), getmetatable(nil), getmetatable(print))
