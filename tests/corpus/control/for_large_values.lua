-- numeric for near the limits of exact integers
local out = {}
for i = 2^53 - 3, 2^53 - 1 do out[#out + 1] = string.format("%.0f", i) end
print(table.concat(out, " "))
local n = 0
for i = 1, math.huge do n = n + 1 if n == 5 then break end end
print(n)
for i = -math.huge, 0 do print("starts at", i) break end
out = {}
for i = 2^31 - 2, 2^31 + 1 do out[#out + 1] = i end
print(table.concat(out, " "))
