-- Fasta: generating DNA sequences by repetition and by weighted random choice.
-- Lines are built as the real program would write them; a checksum and the letter
-- counts are printed instead of the 60-column output.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000
local WIDTH = 60

local checksum, lines = 0, 0
local letter_counts = {}

local function emit(line)
  lines = lines + 1
  for i = 1, #line, 7 do
    checksum = (checksum * 31 + string.byte(line, i)) % 1000000007
  end
  local c = string.sub(line, 1, 1)
  letter_counts[c] = (letter_counts[c] or 0) + 1
end

local ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" ..
  "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" ..
  "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" ..
  "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" ..
  "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" ..
  "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" ..
  "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

local function repeat_fasta(source, count)
  local doubled = source .. source
  local len = #source
  local pos = 1
  while count > 0 do
    local width = count < WIDTH and count or WIDTH
    emit(string.sub(doubled, pos, pos + width - 1))
    pos = pos + width
    if pos > len then pos = pos - len end
    count = count - width
  end
end

local seed = 42
local function random(max)
  seed = (seed * 3877 + 29573) % 139968
  return max * seed / 139968
end

local function random_fasta(table_, count)
  local letters, cumulative = {}, {}
  local acc = 0
  for i = 1, #table_ do
    acc = acc + table_[i][2]
    letters[i], cumulative[i] = table_[i][1], acc
  end
  local buffer = {}
  while count > 0 do
    local width = count < WIDTH and count or WIDTH
    for i = 1, width do
      local r = random(1.0)
      local k = 1
      while cumulative[k] < r and k < #cumulative do k = k + 1 end
      buffer[i] = letters[k]
    end
    emit(table.concat(buffer, "", 1, width))
    count = count - width
  end
end

local IUB = {
  { "a", 0.27 }, { "c", 0.12 }, { "g", 0.12 }, { "t", 0.27 },
  { "B", 0.02 }, { "D", 0.02 }, { "H", 0.02 }, { "K", 0.02 },
  { "M", 0.02 }, { "N", 0.02 }, { "R", 0.02 }, { "S", 0.02 },
  { "V", 0.02 }, { "W", 0.02 }, { "Y", 0.02 },
}
local HOMO_SAPIENS = {
  { "a", 0.3029549426680 }, { "c", 0.1979883004921 },
  { "g", 0.1975473066391 }, { "t", 0.3015094502008 },
}

repeat_fasta(ALU, 2 * n)
random_fasta(IUB, 3 * n)
random_fasta(HOMO_SAPIENS, 5 * n)

local keys = {}
for k in pairs(letter_counts) do keys[#keys + 1] = k end
table.sort(keys)
print(string.format("lines %d checksum %d", lines, checksum))
for _, k in ipairs(keys) do print(string.format("%s %d", k, letter_counts[k])) end
