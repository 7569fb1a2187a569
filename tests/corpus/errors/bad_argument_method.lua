-- uncaught bad argument to a method call counts self
local s = "abc"
s:sub({})
