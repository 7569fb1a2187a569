-- xpcall calls the handler with the error and returns its result
print(xpcall(function() error("oops") end, function(e) return "handled: " .. e end))
print(xpcall(function() return "ok", 2 end, print))
print(xpcall(function() error({1, 2, 3}) end, function(e) return #e end))
print(xpcall(function() error() end, function(e) return type(e) end))
