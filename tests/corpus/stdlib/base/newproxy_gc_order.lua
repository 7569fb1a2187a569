-- __gc on tables is ignored; proxies finalize once, resurrected ones stay; errors in __gc are swallowed; exit order newest first
do local t = setmetatable({}, {__gc = function() print("table gc") end}) end
collectgarbage()
local order = {}
for i = 1, 3 do local u = newproxy(true) getmetatable(u).__gc = function() print("proxy", i) end _G["p" .. i] = u end
p2 = nil
collectgarbage()
print("after collect")
local r = newproxy(true)
getmetatable(r).__gc = function(self) print("resurrect", self == r2) r2 = self end
r = nil
collectgarbage()
print(type(r2))
r2 = nil
collectgarbage()
print("second collect, no second finalizer")
local e = newproxy(true)
getmetatable(e).__gc = function() error("error in gc") end
e = nil
print(pcall(collectgarbage))
print("end")
