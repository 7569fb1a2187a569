-- string.format flag mixes, precision on strings, %c with width, %i/%u extremes
print(string.format("%5.2s|%-#10x|%#-10o|", "abc", 255, 8))
print(string.format("%q", "\r\n\t\0001"))
print(string.format("%.20f", 0.1), string.format("%.40g", 1/3))
print(string.format("%x", 2^53), string.format("%x", -2^53), string.format("%X", 2^63), string.format("%o", 2^64), string.format("%x", 1e100))
print(string.format("%i", -2^63), string.format("%u", 2^64), string.format("%c", 65.9))
print(string.format("% 5d|%+5d|%- 5d|", 1, 1, 1), string.format("%.0e", 12345), string.format("%#.0e", 1), string.format("%#x", 0))
print(string.format("%e", 0/0), string.format("%a", -0.0), string.format("%a", 1/0), string.format("%A", 0/0))
print(#string.format("%099d", -1), string.format("%.99f", 1/3):sub(1, 30))
for _, f in ipairs{"%1$d", "%ld", "%hd", "%n", "%.3q", "%#q"} do print(f, pcall(string.format, f, 1)) end
