-- string.format %x %X %o with # flag, width, precision and negative numbers
for _, f in ipairs{"%x", "%X", "%#x", "%#X", "%08x", "%-8x|", "%.4x", "%o", "%#o", "%5o", "%#.3o"} do
  print(f, string.format(f, 255), string.format(f, 0), string.format(f, 1))
end
print(string.format("%x", -1), string.format("%X", -255), string.format("%o", -8), string.format("%x", 2^40))
print(string.format("%u", 42), string.format("%u", -1), string.format("%5u|", 3))
