-- concatenation does not call __tostring
local t = setmetatable({}, {__tostring = function() return "T" end})
print(tostring(t) .. "!")
print(pcall(function() return "x" .. t end))
