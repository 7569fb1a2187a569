-- uncaught attempt to change a protected metatable
local t = setmetatable({}, {__metatable = "no"})
setmetatable(t, {})
