local t = ...
print(t?.a, t?.a?.b, t?.[1], t.a?.b.c, t?.f(), t?.f()?.g)
local x, y, z = t?.f()
local u = t:m?.()
local v, w = t?.f(1)
t?.a.b = 1
t?.f()
t:m?.(1)
t?.x += 1
return t?.g()
