-- pcall returns true and the results, or false and the error
print(pcall(function() return 1, 2, 3 end))
print(pcall(function() error("msg") end))
print(pcall(function() error("msg", 0) end))
print(pcall(error))
print(pcall(function() end))
print(select("#", pcall(function() end)))
