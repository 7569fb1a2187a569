-- errors raised inside metamethods propagate to the caller
local t = setmetatable({}, {__index = function(_, k) error("no field " .. k) end})
print(pcall(function() return t.foo end))
local u = setmetatable({}, {__add = function() error({code = 7}) end})
local ok, e = pcall(function() return u + 1 end)
print(ok, type(e), e.code)
