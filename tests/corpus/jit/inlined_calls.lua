-- Lua calls inlined into traces: results, missing arguments, nested calls
local function sq(x) return x * x end
local function add3(a, b, c) return a + b + (c or 0) end
local function both(x) return sq(x) + add3(x, 1) end
local s = 0
for i = 1, 400 do s = s + both(i) + add3(i, i, i) end
print(s)
local function pick(a, b) if a > b then return a end return b end
local m = 0
for i = 1, 300 do m = m + pick(i % 17, i % 11) end
print(m)
