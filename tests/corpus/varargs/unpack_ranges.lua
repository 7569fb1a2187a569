-- unpack with explicit ranges
local t = {1, 2, 3, 4, 5}
print(unpack(t))
print(unpack(t, 2))
print(unpack(t, 2, 3))
print(unpack(t, 4, 10))
print(select("#", unpack(t, 3, 2)))
print(unpack({}, 1, 3))
