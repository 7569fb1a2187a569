-- K-nucleotide-style counting: substrings of a generated DNA sequence used as table
-- keys; frequencies printed in sorted order.
-- quick: 2000
local n = tonumber(arg and arg[1]) or 1000000

local seed = 7
local BASES = { "A", "C", "G", "T" }
local chunks = {}
for i = 1, n do
  seed = (seed * 16807) % 2147483647
  -- Bias towards A so that the counts differ.
  local r = seed % 10
  local b = r < 3 and 1 or r < 5 and 2 or r < 7 and 3 or 4
  if r == 9 then b = 1 end
  chunks[i] = BASES[b]
end
local sequence = table.concat(chunks)

local function count_frames(k)
  local counts = {}
  for i = 1, #sequence - k + 1 do
    local key = string.sub(sequence, i, i + k - 1)
    counts[key] = (counts[key] or 0) + 1
  end
  return counts
end

local function print_frequencies(k)
  local counts = count_frames(k)
  local keys, total = {}, 0
  for key, c in pairs(counts) do
    keys[#keys + 1] = key
    total = total + c
  end
  table.sort(keys, function(a, b)
    local ca, cb = counts[a], counts[b]
    if ca ~= cb then return ca > cb end
    return a < b
  end)
  for _, key in ipairs(keys) do
    print(string.format("%s %.3f", key, 100 * counts[key] / total))
  end
  print("")
end

print_frequencies(1)
print_frequencies(2)
for _, fragment in ipairs({ "GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "ATATAT" }) do
  local counts = count_frames(#fragment)
  print(string.format("%d\t%s", counts[fragment] or 0, fragment))
end
