local a, b
local x = a .. b .. "c" .. 1 .. 2.5
local y = (a .. b) .. (a .. b)
local z = a .. (b .. a)
f(a .. b, a .. b)
