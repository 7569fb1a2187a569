-- clearing fields during traversal with next is allowed
local t = {}
for i = 1, 10 do t["k" .. i] = i end
local sum = 0
local k, v = next(t)
while k do
  sum = sum + v
  t[k] = nil
  k, v = next(t, k)
end
print(sum, next(t))
