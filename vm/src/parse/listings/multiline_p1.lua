local x, t,

g
local c =

-59811;
c

=
c + 1
if {function(p,
...) local
y = p; return
y,
x,
{t.k, k =

1, [1e300] = 2} >= not 1e300 end, k

=
t[f(t:m(300))],
[function(p, ...) local y

=
p; return y,
x, 12 end] = 2}

then local a,
b =

a
local c
= function(p,
...) local y = p; return y,

x, not
function(p, ...) local y
= p;
return

y, x, {"s", k = 300, [nil] = 2, g()} end end; c

= c + 1
else

local

a,
b =
t:m(t.k.j) end
do return 

end
