-- for k, v in next, t is the same as pairs
local t = {1, 2, 3}
local sum = 0
for k, v in next, t do sum = sum + k * v end
print(sum)
print(next({}), next({5}))
