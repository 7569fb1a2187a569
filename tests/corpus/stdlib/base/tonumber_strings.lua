-- tonumber on decimal, hex, exponent, inf/nan spellings and surrounding whitespace
for _, s in ipairs{"10", " 10 ", "\t10\n", "0x1F", "0X1f", "-0x10", "1e3", ".5", "5.", "0x.8", "0x1p4", "1e", "e1", "inf", "nan", "-inf", "1e400", "-1e400", "0x", "1_000", "10\0", "+5", "- 5", "1.2.3", "0b101", "  0x10  "} do
  print(string.format("%q", s), tonumber(s))
end
