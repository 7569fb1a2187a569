local x, t, g
for i = 1, x

/ {{(a <

b) and (c
and

-3), k
=
(a < b) and (c and true),
[(x)] =
2}, k
=
39 <= (a or

b)

or (c ~= x), [7 % -1] = 2,
g()} do repeat

local q =
1;
g(function() return

q end)
if 3 - -3
then

a = ('a\n\0') or (8)
t.a,

t.b, x =

0xe3ea, (a or
b)
and (c ~= a or

not
-3 + 0x2609)
do

local u
= (t:m({t:m(-3), k = c, [function(p,
...) local y
=
p; return y, x, t.k end] = 2})); t.a, t.b,

x = {(173), k = function(p,

...)
local y =

p;
return y, x,

t[#1e300] end, [9] = 2},

t[t[b]]
f(112) g(function() u = 1 end) end elseif -3 ^ -2

then
t.a, t.b, x = (a and
b) and (c

and {function(p, ...) local

y

= p;
return
y, x, #1e300

end, k =

34 ^ t.k.j, [((a or b) or (c and 1e300))] = 2, g()}),
(t[(a or b) and
(c or function(p, ...) local y

=
p; return y, x, 2.5 end)])
do
local u
=

f(-1 /

6) + 86 >

f({263, k = (a

or

b)

or (c ~=
nil),
[(b)] = 2}); x = not

t:m(#0xecab)
a
=
f'x'
and -({260, k = t:m(1e300),
[224] = 2})
x = b
t.a,
t.b, x = function(p,

...) local

y = p;
return

y,

x, (...) end, 236
g(function()
u = 1 end) end
x, t[1] =
(a ==

b)
or
(c

~=
t.k.j)
x, t[1] = #'a\n\0'
do return t:m((a < b)
or (c and f(b))) end

else do ::top3:: local s = 199
/ #b; if
s

then a

= {-3, k
=

26,

[not t:m(29)]
= 2, g()} and t[function(p, ...) local
y =

p; return
y, x,

not true

end <= t:m({"s", k = 300, [x] = 2})] goto top3 end
end end
local function
h(p, ...) local

m
=

{{not
2.5,
k = function(p,
...) local y = p; return y, x, b

end, [4 -

5] = 2}, (a
<

b)

and (c and nil ~= -3)}
do
return
 end return p
end
repeat

local q = 1; g(function()

return q end)

local
function h(p,
...)

x = 111 return
p end
if 221 <= f((a and b) or (c ~= t[nil])) then

local

c = t[t:m((function(p,

...)

local y = p; return y, x, b end))];
c =
c

+ 1 elseif

[[x]] then
local

a,
b = -31861
x

= b
x =

c
do return f(f(t:m(3 + 5)),

...) end else x
= (5 / 4)
x

= 219
do goto l; local w
=

1;

::l:: end
f(t.k.j)
end until
a
==

(a and b) and

(c > (a < b) or (c
or t["s"]))
until ...
do
local u = #b; do local u = 0xf9b7;

local function
h(p,

...)

local
a, b = t[-2 % 6]

~= t.k.j
local
m = {{function(p,
...) local
y = p; return y, x, 1 end, k =

2
%

-3,

[t:m(t.k)] =
2}}
t.a, t.b, x

= ({t:m(b /
a), k =
t.k.j, [#(t.k)]

= 2,
g()}), t.k.j
x, t[1] =

t:m(t:m(264))
do
return f((t.k.j), ...)

end return p end
do goto

l; local w =

1; ::l:: end
local c

= not f({8 + 7, k =
(a <
b) or
(c or

1),

[0 / 8] = 2, g()}, ...);
c = c + 1
local function
h(p, ...) x = c
== function(p, ...) local y = p;
return
y, x,
c end

return p

end g(function() u = 1 end) end
do ::top2:: local s = (a < b) or (c

or
t[a]); if

s

then x, t[1] = 7 % 1
do local u =
#-f{1,

2, k = 3}; x = c
local m = {x, 113,

-2

^ 7}
do goto l; local
w = 1; ::l:: end
do return  end g(function()

u = 1 end) end goto top2
end end
local m = {}
do return  end g(function() u = 1 end) end end
