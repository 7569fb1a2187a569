-- arithmetic on strings that are not numbers fails
print(pcall(function() return "abc" + 1 end))
print(pcall(function() local s = "1x" return s * 2 end))
print(pcall(function() return "" - 1 end))
print(pcall(function() return -"x" end))
