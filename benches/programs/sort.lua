-- table.sort with a comparator on records (with a tie-breaker, so the order is
-- total), and on plain numbers.
-- quick: 500
local n = tonumber(arg and arg[1]) or 200000

local seed = 12345
local function random_int(limit)
  seed = (seed * 16807) % 2147483647
  return seed % limit
end

local records = {}
for i = 1, n do
  records[i] = { id = i, score = random_int(1000), name = "r" .. random_int(100000) }
end
table.sort(records, function(a, b)
  if a.score ~= b.score then return a.score > b.score end
  if a.name ~= b.name then return a.name < b.name end
  return a.id < b.id
end)

local numbers = {}
for i = 1, n do numbers[i] = random_int(1000000) end
table.sort(numbers)
table.sort(numbers, function(a, b) return a > b end)

local checksum = 0
for i = 1, n do
  checksum = (checksum * 31 + records[i].id + numbers[i]) % 1000000007
end
local ordered = true
for i = 2, n do
  if numbers[i - 1] < numbers[i] then ordered = false end
end
print(string.format("records %d first %d last %d ordered %s checksum %d",
  n, records[1].id, records[n].id, tostring(ordered), checksum))
