-- table.remove and table.getn errors from named calls and method-style calls
local t = {remove = table.remove, getn = table.getn}
print(pcall(function() return t.remove("x") end))
print(pcall(function() local r = table.getn(nil) return r end))
print(pcall(function() local r = t:remove(1) return r end))
print(pcall(function() local r = table.remove({}, {}) return r end))
