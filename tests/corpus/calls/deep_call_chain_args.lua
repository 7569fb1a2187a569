-- many nested calls as arguments
local function id(...) return ... end
print(id(id(id(id(id(1, 2), 3), 4), 5), 6))
print(select("#", id(id(id()))))
print(math.max(id(3, 9, 4)), math.min(id(3, 9, 4)))
