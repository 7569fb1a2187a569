-- string.format %d and %i with flags, width and precision
for _, f in ipairs{"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%-8.3d|", "%+05d", "%i", "%.0d"} do
  print(f, string.format(f, 42), string.format(f, -7), string.format(f, 0))
end
print(string.format("%d", 3.99), string.format("%d", -3.99), string.format("%d", 2^53), string.format("%d", "12"))
