const a, b = 1, 2
const function f() return a end
local t = {}
const c = t
c.x = a + b
print(f(), c)
local function g() return a, b end
local const = 5
const = const + 1
