-- __eq results are converted to booleans
local mt = {__eq = function() return "yes" end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b)
mt.__eq = function() return nil end
print(a == b, a ~= b)
