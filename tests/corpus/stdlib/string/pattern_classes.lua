-- every character class and its complement over all 256 bytes
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, c in ipairs{"a", "c", "d", "l", "p", "s", "u", "w", "x", "z", "A", "C", "D", "L", "P", "S", "U", "W", "X", "Z"} do
  local n = select(2, string.gsub(all, "%" .. c, ""))
  print(c, n)
end
print(select(2, string.gsub(all, ".", "")), select(2, string.gsub(all, "[%a%d]", "")), select(2, string.gsub(all, "[^%a%d]", "")))
