-- NaN prints as nan or -nan depending on its sign bit
local nan = 0 / 0
print(nan, -nan)
print(tostring(nan) == tostring(0/0))
print(math.huge - math.huge, math.sqrt(-1))
