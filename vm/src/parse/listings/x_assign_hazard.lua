local t, i = {}, 1
i, t[i] = i+1, 20
t[i], i = 1, 2
local a, b = 1, 2
a, b = b, a
t.x, t = 1, 2
