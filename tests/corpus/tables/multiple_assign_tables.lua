-- multiple assignment to table fields
local t = {}
t.a, t.b, t[1] = 1, 2, 3
print(t.a, t.b, t[1])
t.a, t.b = t.b, t.a
print(t.a, t.b)
local i = 1
local arr = {}
i, arr[i] = 2, "first"
print(i, arr[1], arr[2])
