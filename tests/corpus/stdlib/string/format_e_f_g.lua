-- string.format %e %E %f %g %G with flags, width and precision
local vals = {0, 1, -1.5, 123456.789, 1e-5, 1e20, 0.1}
for _, f in ipairs{"%e", "%.2E", "%12.3e", "%f", "%.0f", "%#.0f", "%10.2f", "%-10.2f|", "%+f", "% f", "%g", "%G", "%#g", "%.3g", "%010.3f"} do
  local out = {}
  for i, v in ipairs(vals) do out[i] = string.format(f, v) end
  print(f, table.concat(out, " "))
end
