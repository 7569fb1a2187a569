-- select('#') counts trailing nils
local function count(...) return select("#", ...) end
print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))
print(count(unpack({1, 2, 3})), count(unpack({1, nil, 3})))
