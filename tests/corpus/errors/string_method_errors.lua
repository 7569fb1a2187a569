-- method calls on strings that name missing methods or pass bad arguments
print(pcall(function() return ("x"):nomethod() end))
print(pcall(function() return ("x"):rep() end))
print(pcall(function() local s = "abc" return s:sub("a") end))
print(pcall(function() return ("%d"):format("z") end))
