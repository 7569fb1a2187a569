-- print converts its arguments through tostring and __tostring
local t = setmetatable({}, {__tostring = function() return "via __tostring" end})
print(t, 1, nil, true)
local bad = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(print, bad))
local worse = setmetatable({}, {__tostring = function() return {} end})
print(pcall(print, worse))
