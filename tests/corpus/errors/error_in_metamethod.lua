-- uncaught error raised inside a metamethod
local t = setmetatable({}, {__index = function(_, k) error("no key " .. k) end})
print(t.foo)
