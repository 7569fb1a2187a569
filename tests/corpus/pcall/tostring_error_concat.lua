-- errors while building error messages
print(pcall(function() error("a" .. nil) end))
print(pcall(function() error(tostring(nil) .. "b") end))
