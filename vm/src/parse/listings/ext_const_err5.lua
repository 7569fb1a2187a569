const x = 1
local t = {}
t.y, x = 1, 2
