-- debug.sethook argument errors, as LuaJIT reports them
local function h() end
print(pcall(debug.sethook, h))
print(pcall(debug.sethook, 1, "l"))
print(pcall(debug.sethook, {}, {}))
print(pcall(debug.sethook, h, "l", "x"))
print(pcall(debug.sethook, h, true))
print(pcall(debug.sethook, false))
print(debug.gethook())
