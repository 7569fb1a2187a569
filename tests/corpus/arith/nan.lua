-- NaN is unequal to itself and every comparison with it is false
local nan = 0 / 0
print(nan ~= nan, nan == nan)
print(nan < 1, nan > 1, nan <= nan, nan >= nan)
print(1 < nan, 1 <= nan)
print(not (nan < 1) and not (nan >= 1))
local t = {nan}
print(#t, t[1] ~= t[1])
print(math.max(1, 2) , math.min(1, 2))
