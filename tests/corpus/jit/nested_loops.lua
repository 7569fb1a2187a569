-- nested loops: the inner one gets hot first
local s = 0
for i = 1, 100 do
  for j = 1, 100 do s = s + i * j % 7 end
end
print(s)
local m = {}
for i = 1, 30 do m[i] = {} for j = 1, 30 do m[i][j] = i + j end end
local tr = 0
for i = 1, 30 do for j = 1, 30 do tr = tr + m[i][j] * m[j][i] end end
print(tr)
