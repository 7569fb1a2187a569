-- string.format with the largest widths and precisions LuaJIT accepts
print(#string.format("%99d", 1), #string.format("%.99f", 1), #string.format("%99.99f", 1))
print(#string.format("%99s", "x"), #string.format("%-99s|", "x"))
print(pcall(string.format, "%100d", 1))
print(pcall(string.format, "%.100f", 1))
