-- table.insert and table.remove on tables whose length has holes
local t = {1, 2, nil, 4}
print(#t)
table.insert(t, "x")
print(#t, t[5])
print(table.remove(t), #t)
local h = {}
h[1] = 1 h[2] = 2 h[4] = 4
table.insert(h, 1, 0)
print(h[1], h[2], h[3], h[4], h[5])
