-- table.new makes empty, usable tables of any preallocated size
local tn = require("table.new")
local t = tn(10, 5)
print(#t, next(t))
for i = 1, 20 do t[i] = i end
t.x = 1
print(#t, t[20], t.x)
print(#tn(0, 0), #tn(-1, 0), #tn("3", "4"), next(tn(100, 0)))
print(pcall(tn, -5, 0))
print(pcall(tn, 0, -1))
print(pcall(tn, 1))
print(pcall(tn, {}, 1))
