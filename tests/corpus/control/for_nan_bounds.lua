-- NaN bounds make a numeric for loop run zero times
local nan = 0 / 0
local n = 0
for i = 1, nan do n = n + 1 end
for i = nan, 1 do n = n + 1 end
for i = 1, 2, nan do n = n + 1 end
print(n)
