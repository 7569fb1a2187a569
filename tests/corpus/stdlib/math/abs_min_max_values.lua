-- abs, min and max on integers, -0, infinities and strings
print(math.abs(-5), math.abs(5.5), math.abs(-0.0), math.abs(-1/0), math.abs("-3"), math.abs(-2^63))
print(math.max(1), math.min(1), math.max(-1, -0.5), math.min(3, "2", 1.5), math.max(-1/0, 1/0))
print(math.max(0, -0.0), math.min(-0.0, 0), 1 / math.max(-0.0, 0), 1 / math.min(0, -0.0))
print(pcall(math.max))
print(pcall(math.min))
print(pcall(math.max, 1, "x"))
print(pcall(math.min, 1, nil))
