local x, t, g
local c = -2 + 2 * f(89) or {t.k.j, k = f(nil), [function(p, ...) local y = p; return y, x, -3 end] = 2}; c = c + 1
local c = ...; c = c + 1
repeat local q = 1; g(function() return q end) while 2 - 0 do for k, v in pairs(t) do local z = k; g(function() return z, v end) for i = 1, not t:m(#f(b)) do x = t.k.j
x = (a < b) or (c > t:m(#-3)) * {..., k = -2 * 6, [t.k.j] = 2}
do goto l; local w = 1; ::l:: end end
for i = 1, (a and b) or (c > {a, k = -(a and b) and (c or a), [t.k.j <= t.k.j] = 2, g()}) do x = function(p, ...) local y = p; return y, x, ... end
x = 206 end end
do goto l; local w = 1; ::l:: end if x then break end end until not -function(p, ...) local y = p; return y, x, #1e300 end
do goto l; local w = 1; ::l:: end
