local x, t, g
f(c)
