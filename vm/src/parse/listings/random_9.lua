local x, t, g
a = t:m(t.k.j) or {x, k = -..., [168] = 2}
