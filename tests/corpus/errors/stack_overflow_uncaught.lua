-- uncaught stack overflow from infinite recursion
local function f() return 1 + f() end
f()
