-- xpcall with a handler that is not a function
print(pcall(xpcall, function() error("e") end, 42))
print(pcall(xpcall, function() return "no error" end, nil))
print(pcall(xpcall, function() return "no error" end))
