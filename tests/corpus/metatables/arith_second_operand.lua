-- the metamethod is taken from the first operand that has one
local mt1 = {__add = function() return "first" end}
local mt2 = {__add = function() return "second" end}
local a = setmetatable({}, mt1)
local b = setmetatable({}, mt2)
print(a + b, b + a, a + 1, 1 + b)
