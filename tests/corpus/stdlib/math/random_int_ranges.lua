-- math.random(m, n) over small, negative, single-value and large ranges with a fixed seed
math.randomseed(2024)
local out = {}
for i = 1, 10 do out[#out + 1] = math.random(1, 6) end
for i = 1, 5 do out[#out + 1] = math.random(-3, -1) end
for i = 1, 3 do out[#out + 1] = math.random(7, 7) end
for i = 1, 3 do out[#out + 1] = math.random(0, 2^40) end
for i = 1, 3 do out[#out + 1] = math.random(2^31) end
print(table.concat(out, " "))
