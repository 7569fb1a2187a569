-- math constants and integer checks
print(math.pi, math.huge, -math.huge)
print(math.floor(math.pi), math.ceil(math.pi))
print(math.max(-math.huge, 0), math.min(math.huge, 0))
