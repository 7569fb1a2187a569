-- next walks all keys; visiting order is not relied on
local t = {a = 1, b = 2, c = 3}
local n, sum = 0, 0
local k, v = next(t)
while k do n = n + 1 sum = sum + v k, v = next(t, k) end
print(n, sum)
print(pcall(next, t, "missing"))
