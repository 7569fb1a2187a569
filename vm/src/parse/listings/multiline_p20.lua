local

x,
t, g
while -(t:m(f{1, 2, k

= 3}))
do for i
= 1,
t.k.j do for i =

1,
a do do local u = f(#-1 ^ 4);

x = t:m(f{1, 2, k = 3})
t.a, t.b,

x = not [[x]], t[(a
< b) or (c

~=
f(t.k.j))]
local

m = {0x6595, (a

==
b) or (c >

function(p, ...) local y
=

p; return y, x,

"s" end),

t[2 +

8],
(function(p,
...) local y = p; return y, x,

true
end),
function(p,

...) local y =
p; return y,

x, (a or

b) or (c or true) end}
local a, b

= function(p, ...)

local y = p; return y, x, 2 end +

4
/ 6

g(function() u = 1 end) end
t.a, t.b, x = t:m(x), ((a and b)
or (c and (a < b)
or (c > -3))) or 1 - -2
x, t[1]

= function(p, ...) local y
= p;

return y, x,
f(...) end
do
local u

= function(p, ...)
local y =
p;
return

y, x, a >= 199 end; x = f(function(p,
...)
local y =

p; return
y,

x, a
end) g(function() u = 1 end)
end
do return t[(a
and b) or

(c
or f(t:m(t.k), ...))] end end
for
i = 1,
function(p, ...) local

y
= p; return

y, x, {(2.5),
k
=

20, [-b] =

2} ^
42
end do

t.a,

t.b,
x = ..., (a and b) and (c ~=

(t[-true]))
local function h(p, ...)

x = t.k.j
f(265)
local m

=
{({1, k = -3,
["s"]
=
2, g()}), {6 / 2, k = f(1), [(b)]

= 2, g()},

(a and
b)

or

(c
or (a < b)

and (c and t.k)),

t["s"] % a, t:m(1 -
0)}
local c = x +

function(p, ...) local y = p; return y, x,
(a
== b)
and (c or 6
* 6) end;
c =
c + 1

return
p

end end
local

m =
{(a
<

b) or
(c ~= function(p,

...) local
y

= p; return y, x, "s" end), #(a <

b) and (c
> -3),

t.k.j, 215} end
local

function h(p,
...)
a =
{f(function(p, ...) local y =

p; return

y,
x, {1e300, k = 2.5,
[x]
=
2}

end, ...),

k = 178,
[t.k.j]
= 2}

and t[t[b]]

return

p

end if x then break end end
do goto
l; local

w = 1; ::l:: end
do

::top0:: local
s
=
-(a == b)

or
(c and 169) ~= (a ==
b) or

(c ~= {true,
k

= b, [t.k] =
2,
g()}); if

s then local

function h(p,

...) while 4 * 7 do do local u
=
... <= c ..
{{b, k
= -3, [-3] =

2}, k =
t[300], [f(300, ...)] = 2,

g()}; local c = t.k.j;
c = c
+
1
do
return

#function(p, ...) local y
=

p; return y,

x, (a == b)
and (c > {1e300, k
=

true,
[t.k] = 2})
end end g(function() u
=

1 end) end
for

i = 1,
function(p, ...) local
y = p;

return y,

x, t[c] end do
local c = t.k.j - not (-3 ^ nil);
c

= c +

1
x = {t.k.j,
k
= t[176 and
#x],
[b] = 2}
a =

16 or function(p, ...) local
y = p; return y, x, t[(("s"))] end
x
=

{...,
k = t:m(t[t[true]]), [c] = 2, g()}
end
if t:m(f(-42637))
then x = function(p,
...)

local
y = p;

return y,

x, x end
local a, b
= (a and b) or (c ~= (a or

b)
and (c and f(181)))
else x
= function(p, ...)
local

y

= p; return

y, x,
(5 ^
2

^
(x)) end
x

= ((...))
x

=
function(p, ...) local y

=

p; return
y, x, 242 end
local c = t.k.j; c

=
c
+ 1 end
if 167 then x = (a == b)
or
(c and
50)
x

= t.k.j
x

=

f(t:m((a and b) and (c and t:m("s"))), ...) else x = t.k.j
x = 0 -

-3
x
= ((a
or b) and (c > t[function(p, ...) local y =

p;

return

y, x, b end])) end if x then break end

end
local function h(p, ...) t.a, t.b, x =
-1 / 8, (a or b) and (c ~=

f((not true)))
for
k, v in pairs(t) do local z = k; g(function() return

z, v end) local
m = {c, (a <

b) and (c

or {-3,
k = 1e300, [b] =

2})}
x
= function(p, ...)

local y
= p; return y, x, f{1,
2, k
= 3} end
x = t[b]
x =

(a

or

b) or (c and
'a\n\0') end
if t[t.k.j]
then
x = t:m(a)
t.a,
t.b, x = t.k.j, 229
x
= (f(function(p, ...) local y =
p;
return y, x, function(p,
...) local y = p; return y, x, x end end)) else x,
t[1] = t[x]
do goto

l; local w =
1; ::l:: end

end return p end
x, t[1] = {f(2 - -3), k = not
t.k.j, [f((a == b) and
(c

> (a
and b) or (c and 1e300)), ...)] =

2, g()}

return p

end
for
k, v

in
pairs(t) do local z =
k;

g(function() return z, v end) while f(...) do do
goto
l;

local

w

=

1;
::l::
end if x
then break end end
repeat local
q = 1;

g(function() return
q end) local m = {(...),

function(p,

...)

local
y

= p;
return y, x,

t:m(1) end, 1, c}
local

a, b =

{t.k.j, k = a, [t[not -1 * 4]] = 2,

g()}
f({b,
k = (a
< b)

and (c and t.k.j), [t.k.j] = 2, g()})
do return
f(t[{2.5
<
300, k

= (a or b) and (c

~= 1), [t[1]] = 2}]) end until

{{(a == b) and (c or 2.5),
k = t.k.j, [t[t.k]] = 2},
k = (c), [b] = 2} ^ 4 + 7
local
c = t[f(264, ...)]; c = c + 1
do return

not

t.k.j ~= {f(function(p, ...) local
y = p;

return y, x, true
end),
k =

4 -
7, [function(p,
...) local

y = p; return
y,

x, -b end] = 2,
g()} end end
do
return
 end goto
top0 end end
