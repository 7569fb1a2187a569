-- return (f()) and return f() + 0 are not tail calls but still work
local function id(x) return x end
local function a() return (id(1)) end
local function b() return id(2) + 0 end
local function c() local r = id(3) return r end
print(a(), b(), c())
