-- tail calls of methods and through tables
local obj = {n = 0}
function obj:count(k) if k == 0 then return self.n end self.n = self.n + 1 return self:count(k - 1) end
print(obj:count(200000))
local t = {}
function t.go(k) if k == 0 then return "done" end return t.go(k - 1) end
print(t.go(300000))
