-- an __index chain that loops is stopped with an error
local a, b = {}, {}
setmetatable(a, {__index = b})
setmetatable(b, {__index = a})
print(pcall(function() return a.missing end))
