-- unpack with explicit ranges, empty ranges, holes and string bounds
local t = {1, 2, 3, nil, 5}
print(unpack(t, 2, 3))
print(unpack(t, 3, 5))
print(select('#', unpack(t, 5, 4)))
print(unpack(t, -1, 1))
print(unpack({}, 1, 3))
print(unpack(t, "2", "3"))
print(unpack({1, 2, 3}, 2))
print(pcall(unpack, t, 1, 1e8))
print(pcall(unpack))
print(pcall(unpack, "abc"))
