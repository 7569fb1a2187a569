-- tables grow as elements are added in order and out of order
local t = {}
for i = 1, 1000 do t[i] = i * 2 end
print(#t, t[500], t[1000])
local u = {}
for i = 1000, 1, -1 do u[i] = i end
print(#u, u[1], u[1000])
local sum = 0
for i = 1, #u do sum = sum + u[i] end
print(sum)
