-- uncaught call of a string upvalue
local s = "text"
local function f() return s() end
f()
