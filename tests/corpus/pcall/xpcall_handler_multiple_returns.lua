-- the handler's first result is the error value
print(xpcall(error, function() return 1, 2, 3 end))
print(xpcall(error, function() end))
