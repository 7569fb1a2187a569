-- __eq is called only for two different tables sharing the handler
local eqcalls = 0
local function eq(a, b) eqcalls = eqcalls + 1 return a.id == b.id end
local mt = {__eq = eq}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a == c, a ~= b, eqcalls)
print(a == a, eqcalls)
print(a == 1, eqcalls)
local d = setmetatable({id = 1}, {__eq = eq})
print(a == d, eqcalls)
local e = setmetatable({id = 1}, {__eq = function() return true end})
print(a == e, eqcalls)
