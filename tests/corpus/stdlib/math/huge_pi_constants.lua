-- math.huge, math.pi and derived printing
print(math.huge, -math.huge, math.pi, string.format("%.17g", math.pi), math.huge == 1/0, math.mod)
