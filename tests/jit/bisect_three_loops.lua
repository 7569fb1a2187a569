-- three hot loops, three traces: the jit-bisect test miscompiles each in turn
local s = 0
for i = 1, 100 do s = s + i end
local t = 0
for i = 1, 100 do t = t + i * 0.5 end
local u = 0
for i = 1, 100 do u = u + 2 end
print(s, t, u)
