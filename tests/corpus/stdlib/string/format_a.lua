-- string.format %a and %A hexadecimal floats
for _, v in ipairs{0, 1, -1, 0.5, 3.25, 1e10, 2^-1074, 0.1, 255} do
  print(string.format("%a", v), string.format("%A", v), string.format("%.2a", v), string.format("%12a|", v))
end
