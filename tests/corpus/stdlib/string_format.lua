-- string.format basics
print(string.format("%d %5d %-5d| %05d", 42, 42, 42, 42))
print(string.format("%s %q %%", "str", "a\"b\n"))
print(string.format("%.2f %10.3f %e %g", 3.14159, 2.5, 12345.678, 0.0001))
print(string.format("%x %X %o %c", 255, 255, 8, 65))
print(string.format("%5s|%-5s|", "ab", "cd"))
print(pcall(string.format, "%d", "x"))
