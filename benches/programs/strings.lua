-- String operations: format, concatenation, find, match, gsub, sub, rep, upper/lower.
-- quick: 200
local n = tonumber(arg and arg[1]) or 100000

local checksum = 0
local function mix(s)
  for i = 1, #s, 5 do
    checksum = (checksum * 31 + string.byte(s, i)) % 1000000007
  end
end

local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
local found, replaced, matched = 0, 0, 0
for i = 1, n do
  local w = words[i % #words + 1]
  local line = string.format("%05d:%s=%x;%s", i, w, i * 3, w .. "-" .. w)
  line = line .. "|" .. string.upper(w) .. "|" .. i % 97
  if string.find(line, "ta", 1, true) then found = found + 1 end
  local key, value = string.match(line, "^%d+:(%a+)=(%x+);")
  if key == w and tonumber(value, 16) == i * 3 then matched = matched + 1 end
  local s, count = string.gsub(line, "[aeiou]", "%0%0")
  replaced = replaced + count
  s = string.gsub(s, "(%d)(%d)", "%2%1")
  s = string.lower(string.sub(s, 3, -3))
  mix(s)
end

-- A longer text scanned with gmatch and reversed.
local text = string.rep("the quick brown fox jumps over the lazy dog ", math.floor(n / 100) + 1)
local word_count = 0
for word in string.gmatch(text, "%a+") do
  word_count = word_count + #word
end
mix(string.reverse(string.sub(text, 1, 200)))

print(string.format("found %d matched %d replaced %d letters %d checksum %d",
  found, matched, replaced, word_count, checksum))
