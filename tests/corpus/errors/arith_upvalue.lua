-- uncaught arithmetic on a nil upvalue names the upvalue
local up
local function f() return up - 1 end
print("start")
f()
