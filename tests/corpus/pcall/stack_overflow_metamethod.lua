-- infinite __index recursion through functions overflows the stack
local t = setmetatable({}, {})
getmetatable(t).__index = function(tbl, k) return tbl[k] end
local ok, err = pcall(function() return t.x end)
print(ok, string.find(tostring(err), "stack overflow", 1, true) ~= nil)
