-- math.random's argument error names the function as it was called
local rnd = math.random
print(pcall(rnd, {}))
rnd(1, "two")
