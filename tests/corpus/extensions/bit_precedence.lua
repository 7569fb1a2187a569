-- precedence of bit operators relative to comparison, concatenation and arithmetic
print(3 & 5 == 1, 1 | 2 ~ 3 & 4 << 1)
print(1 + 2 << 1, 1 << 1 + 2, 2 * 3 & 7)
print((1 | 2) .. "", "x" .. (4 >> 1))
print(pcall(function() return 1 | 2 .. "" end))
print(~1 + 1, -~1, ~-1)
