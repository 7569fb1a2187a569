-- comparisons do not chain: a < b < c compares a boolean
print(pcall(function() return 1 < 2 < 3 end))
print(1 == 1 == true, 2 == 2 == 2)
print((1 < 2) == true)
print(pcall(function() return 3 > 2 > 1 end))
