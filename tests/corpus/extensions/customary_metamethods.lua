-- != consults __eq like ~=, and ! && || treat only nil and false as false
local mt = {__eq = function() return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a != b, a ~= b, !(a == b), a != {}, rawequal(a, b))
print(!0, !"", 0 && "", nil || false, false && nil)
local n = 0
local function count(v) n = n + 1 return v end
print(count(nil) && count(1), count(0) || count(2), n)
local x = 3
x ~= 1 print(x)
