-- unpack spreads a table into values
local t = {"a", "b", "c"}
print(unpack(t))
local x, y = unpack(t)
print(x, y)
print(select("#", unpack({})))
print(unpack({1, 2, nil, 4}, 1, 4))
