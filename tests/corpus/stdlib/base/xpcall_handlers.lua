-- xpcall with handlers that rewrite, return several values, or fail themselves
print(xpcall(function() error("e1") end, function(m) return "handled: " .. m end))
print(xpcall(function() return 1, 2 end, print))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(function() error("x") end, function() error("again") end))
print(pcall(xpcall))
print(pcall(xpcall, print))
print(xpcall(function() local x = nil; return x.y end, function(m) return m end))
