-- a hot numeric loop (compiled by LuaJIT's JIT) gives exact results
local sum, fsum = 0, 0
for i = 1, 1000000 do
  sum = sum + i % 7
  fsum = fsum + 0.5
end
print(sum, fsum)
local t = {}
for i = 1, 1000 do t[i] = i end
local acc = 0
for round = 1, 200 do for i = 1, #t do acc = acc + t[i] end end
print(acc)
