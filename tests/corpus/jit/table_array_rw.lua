-- array reads and writes in hot loops, with holes and constant indexes
local a, b = {}, {}
for i = 1, 300 do a[i] = i * 1.5 end
for i = 1, 300 do b[i] = a[i] + a[301 - i] end
local s = 0
for i = 1, 300 do s = s + b[i] - a[1] + a[2] end
print(s, b[1], b[300], #a, #b)
local c = {}
for i = 1, 100 do c[i] = false end
for i = 1, 100, 2 do c[i] = true end
local n = 0
for i = 1, 100 do if c[i] then n = n + 1 end end
print(n)
