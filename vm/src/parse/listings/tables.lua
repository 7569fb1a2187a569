local t1 = {}
local t2 = {1, 2, 3}
local t3 = {x = 1, y = 2}
local t4 = {1, x = 2, [3] = 4, [0] = 5}
local t5 = {f()}
local t6 = {1, 2, f()}
local t7 = {...}
local t8 = {a = f(), b = 1}
local t9 = {[f()] = 1, 2}
local t10 = {1, nil, true, false, "s", 1.5}
local t11 = {x = nil, y = {}}
local t12 = {[1] = 1, [2] = 2, 3}
local t13 = {{}, {1}, {x = 1}}
local t14 = {1, 2, 3, 4, 5, 6, 7, 8, 9, [100] = 1, ["k"] = f}
