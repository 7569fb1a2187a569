local t = {} t?.a, t.b = 1
