-- bit errors name the function as it was called
local tohex = bit.tohex
print(pcall(tohex))
tohex(1, "n")
