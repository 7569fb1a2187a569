-- tonumber on unusual numeric strings
local inputs = {"+1", "-1", "- 1", "1e", "1e+", ".e1", "0x.p1", "0x1p", "1.", ".",
  "0x", "1..2", "\t12\n", "1e-2", "0X1P+2", "infinity", "-inf", "NaN", "0b101", "1_000"}
for _, s in ipairs(inputs) do
  print(string.format("%q", s), tonumber(s))
end
