local x, t, g
local function h(p, ...) x, t[1] = ... return p end
do goto l; local w = 1; ::l:: end
for i = 1, ((a and b) and (c > t.k.j)) do if not 0 / 6 then f({t[function(p, ...) local y = p; return y, x, {true, k = b, [1] = 2, g()} end], k = -t.k.j, [(a or b) or (c ~= 3 - -1 - t:m(1e300))] = 2, g()})
a = t[(a or b) and (c > ...)] and t[({"s", k = 1e300, [true] = 2})] .. 8 / 6
f(-b)
x = ... else t.a, t.b, x = -t:m(...), t.k.j
for k, v in pairs(t) do local z = k; g(function() return z, v end) x = (a or b) or (c and t:m((a and b) or (c and t:m("s"))))
do goto l; local w = 1; ::l:: end
if -not ... then x = t[(a and b) or (c or t.k.j)] + {function(p, ...) local y = p; return y, x, 1 end > ..., k = 55, [130] = 2}
x = b
a = t[(a < b) and (c and {{b, k = b, [2.5] = 2, g()}, k = 6 ^ 4, [function(p, ...) local y = p; return y, x, nil end] = 2})] and f(216, ...) else x = ((a < b) or (c ~= f(7 ^ 7)))
f(168)
x = 4 % 2 end
x, t[1] = (a < b) and (c or {4 + -2, k = (nil), [{300, k = 1e300, [300] = 2}] = 2} <= t:m(2.5) .. ...) end end
while (a and b) and (c or ...) do t.a, t.b, x = 131, f(function(p, ...) local y = p; return y, x, a end, ...)
f(#...)
t.a, t.b, x = {function(p, ...) local y = p; return y, x, t:m((1)) end, k = {t:m(t.k.j), k = 72, [f(t[1])] = 2}, [(a and b) and (c or t[function(p, ...) local y = p; return y, x, 300 end])] = 2}, t.k.j
for k, v in pairs(t) do local z = k; g(function() return z, v end) do local u = ...; x = t[-{t.k, k = x, [2.5] = 2} ^ function(p, ...) local y = p; return y, x, {true, k = -3, [t.k] = 2} end]
x = t.k.j g(function() u = 1 end) end
x = a end if x then break end end end
