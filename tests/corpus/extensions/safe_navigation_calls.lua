-- ?. on calls and methods gives nil results, and assignments through ?. are skipped when nil
local obj = {name = "o"}
function obj:greet(x) return "hi " .. self.name .. (x or "") end
function obj.pair() return 1, 2 end
local none
print(obj:greet?.("!"), obj.greet?.(obj), none?.greet)
local a, b, c = obj?.pair()
print(a, b, c)
local d, e, f = none?.pair()
print(d, e, f)
print(select("#", none?.pair()), select("#", obj?.pair()))
none?.x = 1
obj?.y = 2
print(obj.y)
none?.f()
local mt = setmetatable({}, {__index = function(_, k) return k .. "!" end})
print(mt?.abc, mt?.["x"])
print(pcall(function() return obj.missing?.x.y end))
