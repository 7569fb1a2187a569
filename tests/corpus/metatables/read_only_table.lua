-- a read-only proxy built from __index and __newindex
local function readonly(t)
  return setmetatable({}, {__index = t, __newindex = function(_, k) error("attempt to set " .. tostring(k), 2) end})
end
local ro = readonly({x = 1})
print(ro.x)
print(pcall(function() ro.y = 2 end))
print(ro.y)
