-- Building a long string from many pieces with table.concat.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000

local parts = {}
for i = 1, n do
  parts[#parts + 1] = "item" .. i
end
local s = table.concat(parts, ",")

local checksum = 0
for i = 1, #s, 97 do
  checksum = (checksum * 31 + string.byte(s, i)) % 1000000007
end

print(string.format("pieces %d length %d checksum %d", n, #s, checksum))
