-- Filling a large array, then reading it sequentially, backwards and by stride.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000

local t = {}
for i = 1, n do
  t[i] = (i * 7) % 1000
end

local sum = 0
for pass = 1, 3 do
  for i = 1, n do
    sum = sum + t[i]
  end
end
for i = n, 1, -1 do
  t[i] = t[i] + 1
end
local strided = 0
for i = 1, n, 3 do
  strided = strided + t[i]
end

print(string.format("length %d sum %d strided %d", #t, sum, strided))
