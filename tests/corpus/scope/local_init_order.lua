-- a local's initializer sees the outer variable of the same name
local x = 10
local x = x + 1
print(x)
local a, b = 1, 2
local a, b = b, a
print(a, b)
local t = {n = 1}
local t = {n = t.n + 1}
print(t.n)
