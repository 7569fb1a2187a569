-- every shift and rotation of a few patterns by counts around the word size
local xs = {0x12345678, -1, 1, 0x80000000, 0x7fffffff, -0x12345678}
for _, x in ipairs(xs) do
  local row = {}
  for _, n in ipairs({0, 7, 16, 31, 32, 63, -7}) do
    row[#row + 1] = bit.tohex(bit.lshift(x, n)) .. "/" .. bit.tohex(bit.rshift(x, n)) .. "/" ..
      bit.tohex(bit.arshift(x, n)) .. "/" .. bit.tohex(bit.rol(x, n)) .. "/" .. bit.tohex(bit.ror(x, n))
  end
  print(table.concat(row, " "))
end
