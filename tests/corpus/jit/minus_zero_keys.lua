-- Table keys computed as -0 in hot loops: -0 is the key 0, in the array
-- part and in the hash part, for reads, writes and new keys.
local t = {}
for i = 0, 9 do t[i] = i * 10 end
local sum = 0
for i = 1, 300 do
  local z = -(i - i)          -- -0
  sum = sum + t[z] + t[z + 1]
  t[z] = t[z] + 1
end
print(sum, t[0], t[-0.0], 1 / (next({[-(1 - 1)] = true})))

-- A fresh table each round: the first store of key -0 makes a new key.
local total = 0
for i = 1, 200 do
  local u = {}
  local z = -(i - i)
  u[z] = i
  u[z + 1] = i
  for k, v in pairs(u) do total = total + k + v + 1 / k end
end
print(total)

-- Keys that are -0 only sometimes, and non-integer keys after a while.
local w = { [0] = "zero", "one", "two" }
local out = {}
for i = 1, 120 do
  local k = (i % 3 == 0) and -(i - i) or (i % 3)
  if i > 100 then k = k + 0.5 end
  out[#out + 1] = tostring(w[k])
end
print(table.concat(out, ","))
