-- __name is not used by LuaJIT's tostring
local t = setmetatable({}, {__name = "MyType"})
print(tostring(t):sub(1, 6))
