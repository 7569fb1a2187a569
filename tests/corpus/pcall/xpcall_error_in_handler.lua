-- an error inside the xpcall handler
print(xpcall(function() error("first") end, function(e) error("second") end))
local calls = 0
print(xpcall(function() error("first") end, function(e) calls = calls + 1 error(e) end))
print(calls > 0)
