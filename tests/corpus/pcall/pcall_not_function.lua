-- pcall of a value that can't be called reports it as an error
print(pcall(42))
print(pcall(nil))
print(pcall({}))
print(pcall(pcall))
print(pcall(setmetatable({}, {__call = function() return "called" end})))
