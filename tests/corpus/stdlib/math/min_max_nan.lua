-- math.min/max: NaN and signed zero follow SSE minsd/maxsd order
local nan = 0/0
print(math.min(1, nan) ~= math.min(1, nan), math.min(nan, 1), math.max(1, nan) ~= math.max(1, nan), math.max(nan, 1))
print(math.min(-0.0, 0.0), math.min(0.0, -0.0), math.max(0.0, -0.0), math.max(-0.0, 0.0))
print(math.min(3), math.max(1, 5, 2), math.min("2", 3), math.max(-1/0, 1/0), math.min(4, 2, 8, 1, 9))
print(pcall(math.min))
print(pcall(math.max, 1, "x"))
