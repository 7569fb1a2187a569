local a, b, c, d
local x = a and b or c and d
local y = (a or b) and (c or d)
local z = a == b and c < d
f(a and b, c or d)
t[a or b] = c and d
local w = not (a and b)
local v = a and not b
