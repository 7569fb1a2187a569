local x, t, g
if t:m(t.k.j) then if (t[((a and b) or (c > -3))]) then x = t.k.j
while ... <= function(p, ...) local y = p; return y, x, function(p, ...) local y = p; return y, x, 300 end end ^ 4 % -3 do repeat local q = 1; g(function() return q end) x, t[1] = -(0 / 4)
x = (a or b) or (c ~= function(p, ...) local y = p; return y, x, {t.k.j, k = t.k.j, [t:m(300)] = 2, g()} end)
f((function(p, ...) local y = p; return y, x, {(1e300), k = a, [2 - 2] = 2, g()} end)) until (t[...])
if (t:m(f(nil)) or ...) then local c = ((a and b) or (c ~= (f(1e300)))); c = c + 1
a = t.k.j or t.k.j elseif t.k.j then local a, b = ...
local m = {{t[300], k = 220, [#1] = 2, g()}}
x, t[1] = f(a) else x = (t:m(3 % 7))
x = (a == b) and (c ~= ...) end
f(a) if x then break end end
f((-1 - 5))
t.a, t.b, x = ..., function(p, ...) local y = p; return y, x, -1 % 7 end else for i = 1, t.k.j do f(f(t.k.j))
if {function(p, ...) local y = p; return y, x, b end, k = 7 + 7, [{7 + -3, k = t:m(not a), [-6 / 8] = 2}] = 2, g()} then x = f(function(p, ...) local y = p; return y, x, f(t[true], ...) end, ...)
local c = (a == b) or (c or t[function(p, ...) local y = p; return y, x, x end <= t.k.j]); c = c + 1 else x = t:m(c)
x = t.k.j * 273
x = (55)
x = t.k.j end
local function h(p, ...) x = t.k.j return p end
x = {function(p, ...) local y = p; return y, x, t.k.j end, k = function(p, ...) local y = p; return y, x, function(p, ...) local y = p; return y, x, 76 end end, [f(7) <= c] = 2} end end else while ... do local m = {c ^ c, ..., t:m(t:m(true))} if x then break end end
f((t.k.j)) end
