-- string.format float rounding of ties and precision
print(string.format("%5.1f|%.2f|%.0f|%.0f|%.0f", 2.25, 2.675, 0.5, 1.5, 2.5))
print(string.format("%.3f|%.10f|%g|%g", 1/3, 1/3, 1e20, 1e-5))
print(string.format("%d|%d", 3.0, -0.0))
print(pcall(string.format, "%d", 3.5))
