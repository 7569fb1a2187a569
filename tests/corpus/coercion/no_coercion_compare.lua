-- comparisons never convert between strings and numbers
print(1 == "1", "1" == 1)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "1" <= 2 end))
print(pcall(function() return {} < {} end))
