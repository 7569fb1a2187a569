-- compound assignment operators on locals, fields and upvalues
local a = 5
a += 2 print(a)
a -= 1 a *= 3 print(a)
a /= 4 print(a)
a %= 2 print(a)
local s = "x"
s ..= "y" .. "z" print(s)
local b = 6
b &= 3 b |= 8 b ~= 1 b <<= 2 print(b)
b >>= 1 print(b)
local n = -16
n ~>>= 2 print(n)
local t = {count = 1, list = {10}}
t.count += 1 t["count"] *= 10 t.list[1] -= 1
print(t.count, t.list[1])
local up = 1
local function bump() up += 100 end
bump() bump()
print(up)
