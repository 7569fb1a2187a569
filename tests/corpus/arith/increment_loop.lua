-- repeated float additions accumulate rounding error
local x = 0
for i = 1, 10 do x = x + 0.1 end
print(x, x == 1, math.abs(x - 1) < 1e-12)
local y = 0
for i = 1, 1000 do y = y + 1 end
print(y)
