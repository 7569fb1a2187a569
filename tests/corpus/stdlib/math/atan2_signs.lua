-- math.atan2 with signed zeros and infinities
print(math.atan2(-0.0, 0.0), math.atan2(0.0, -0.0), math.atan2(0.0, 0.0), math.atan2(-0.0, -0.0))
print(math.atan2(1/0, 1/0), math.atan2(-1, -1/0), math.atan2(1, -1/0), math.atan2(-1/0, 2))
