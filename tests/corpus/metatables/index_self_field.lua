-- the common pattern mt.__index = mt
local mt = {}
mt.__index = mt
mt.greet = function(self) return "hi " .. self.name end
local obj = setmetatable({name = "ann"}, mt)
print(obj:greet(), obj.greet == mt.greet, rawget(obj, "greet"))
