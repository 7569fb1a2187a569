local t = {[1.5] = 1, [-1] = 2, [2^40] = 3, [1] = "a", [2] = "b"}
local u = {[true] = 1, [false] = 2}
local v = {x = nil, y = false}
