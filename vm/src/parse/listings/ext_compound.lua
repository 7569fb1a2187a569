local a, s = 1, "x"
a += 1 a -= 2 a *= 3 a /= 4 a %= 5
a &= 1 a |= 2 a ~= 3 a <<= 4 a >>= 5 a ~>>= 6
s ..= "y" s ..= a .. "z"
local t = {n = 1, [3] = 2}
t.n += 1 t[3] *= a t[a] -= 1 t.x.y ..= s
g = 1 g += 1
local function f() a += 1 s ..= "!" g -= a end
t[f()] += t.n
