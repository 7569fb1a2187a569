local x, t, g
do local u = (a and b) and (c or ...); local function h(p, ...) f(t:m(t[(a == b) or (c ~= (a == b) and (c > 1))])) return p end g(function() u = 1 end) end
x, t[1] = t:m(-3 ^ 1) or (t.k.j)
