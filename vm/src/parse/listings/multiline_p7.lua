local x, t, g
repeat

local q = 1; g(function() return q end) do ::top1::
local s = t[#t.k.j];
if s then x, t[1]

=

(f((3 -
-2)))
f(97) goto top1

end
end
do return  end until

f(b, ...)
t.a, t.b, x

= f(137)

and
201, (a
and b)
and

(c >

(a ==

b)

and (c

~= a))
f(not (f(300)) / 0 * 7)
local function h(p, ...) do goto l; local w = 1; ::l:: end
for i
= 1,

0x96b2 do f(not 5 -
0) end
if
not t.k.j

* 5 *
5 then x, t[1]

= {...}
while t[(function(p, ...) local

y =
p; return y, x, (300)
end)] do for k, v in pairs(t) do local
z = k; g(function() return z,
v end) x
= {(b > true >

(a

and

b) and (c

and

x)), k = (a
and b)

and

(c or {(a < b) and

(c and true), k = t:m("s"), [149]
=

2, g()}), [8 / 1] =

2, g()} end
if x

then break end end
local
function h(p, ...) do goto l; local
w = 1; ::l:: end
do
::top3::

local s =

f(a.b:c(1)
* f(function(p, ...)

local y = p; return y,
x, nil end),
...); if

s then

x,
t[1]
= 43
goto top3
end end
local

c =
t:m(8 -
1 >

b); c = c + 1 return p

end

else local

m = {function(p,
...)
local y
= p; return
y, x,

246
end,
t[{...}], f(function(p, ...) local
y = p; return y,
x, x end, ...), 150, t:m(t.k.j)}
f((a

and b)
and (c ~= {x >=
true, k
= t.k.j,

[-3 + 8] = 2, g()}) or

t:m(t.k.j))
do goto l; local

w = 1;

::l:: end end
local a, b =
f(-a)
return
p end
