-- string.format of inf, -inf, nan and -0 through float and integer conversions
local inf, nan = 1/0, 0/0
for _, f in ipairs{"%f", "%e", "%g", "%5.1f", "%-6f|", "%+f", "%E", "%G", "%a", "%s", "%q"} do
  print(f, string.format(f, inf), string.format(f, -inf), string.format(f, -0.0))
end
print(string.format("%.3f", 2.0005), string.format("%.2f", 2.675), string.format("%.0f", 0.5), string.format("%.0f", 1.5))
