local x, t, g
do local u = #0 % 8; for k, v in pairs(t) do local z = k; g(function() return z, v end) local function h(p, ...) repeat local q = 1; g(function() return q end) x = {275, k = (function(p, ...) local y = p; return y, x, a end), [f(88)] = 2, g()} - (a == b) or (c > -3 ^ -2)
x = t:m(f(function(p, ...) local y = p; return y, x, ... end))
x = b
x = {t[5 / 4], k = t:m((a and b) and (c and #"s")), [246] = 2} until t:m(f({..., k = function(p, ...) local y = p; return y, x, b end, [(true)] = 2, g()}))
local m = {c, b, x} return p end
a = t.k.j and not function(p, ...) local y = p; return y, x, {2.5, k = 1, [true] = 2, g()} end .. t:m(c)
x, t[1] = (...)
x, t[1] = 0 / 4 end
for i = 1, not f(t:m(nil) and nil % nil) do local function h(p, ...) if b then x = t.k.j
x = c
local c = 109; c = c + 1 else x = (a == b) and (c and #not #nil)
x = t[t[26]]
local m = {}
local m = {3 * 7, {27, k = t[nil], [true and "s"] = 2, g()}, -3 ~= x or ...} end return p end
for i = 1, function(p, ...) local y = p; return y, x, {{0 - 6, k = 279, [function(p, ...) local y = p; return y, x, 1 end] = 2}, k = (a or b) and (c > -3 ^ 8), [f(not true)] = 2} end do local function h(p, ...) f(...)
f(t[#((a or b) and (c > t.k))])
local c = 13; c = c + 1
x = t.k.j return p end
local a, b = #f(t.k.j, ...)
for i = 1, c do t.a, t.b, x = t.k.j, t:m({8 * 4, k = function(p, ...) local y = p; return y, x, 2.5 end, [(a and b) or (c > true)] = 2, g()}) - (a or b) or (c or 6 % 7)
x = t.k.j
a = 1 + 2 or (a == b) or (c and -c)
f(not b) end
t.a, t.b, x = {t:m(t.k.j), k = x, [(a < b) and (c > 123 / (x))] = 2}, #1 + t.k + x * -3 / 6 end end g(function() u = 1 end) end
x, t[1] = {f(200), k = not (a and b) and (c > 2.5) - function(p, ...) local y = p; return y, x, t["s"] end, [t[f(t:m(t.k), ...)]] = 2, g()}
local m = {}
local function h(p, ...) local m = {42}
local function h(p, ...) f(...) return p end
t.a, t.b, x = t:m(t.k.j), 8 * 0
for k, v in pairs(t) do local z = k; g(function() return z, v end) while not {not b + b, k = t:m(x == true), [{1, k = 1e300, [a] = 2, g()} >= {300, k = t.k, [nil] = 2}] = 2, g()} do do goto l; local w = 1; ::l:: end
repeat local q = 1; g(function() return q end) x = f(8 + 8 >= t[t.k.j])
local m = {{48, k = t[1], [t.k.j] = 2}, t:m(t.k) > 161, (a and b) or (c or f("s")), 6 + 0, 5 - 0}
local a, b = ...
local c = function(p, ...) local y = p; return y, x, function(p, ...) local y = p; return y, x, 1 ^ 3 end end; c = c + 1 until x
f((132))
a = ... or function(p, ...) local y = p; return y, x, t:m(#t.k.j) end if x then break end end
x = ... end return p end
