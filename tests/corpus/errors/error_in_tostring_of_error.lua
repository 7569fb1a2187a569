-- error objects with a failing __tostring are returned unchanged by pcall
local obj = setmetatable({}, {__tostring = function() error("tostring broke") end})
local ok, e = pcall(error, obj)
print(ok, e == obj)
print(pcall(tostring, obj))
