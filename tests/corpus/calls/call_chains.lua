-- calls can be chained on results
local function adder(a) return function(b) return function(c) return a + b + c end end end
print(adder(1)(2)(3))
local t = {f = function() return {g = function() return "deep" end} end}
print(t.f().g())
print(("%d-%d"):format(1, 2):rep(2))
