-- deep recursion is caught as a stack overflow
local function recurse(n) return 1 + recurse(n + 1) end
local ok, err = pcall(recurse, 1)
print(ok, type(err), string.find(err, "stack overflow", 1, true) ~= nil)
print("still running")
print(pcall(function() return "recovered" end))
