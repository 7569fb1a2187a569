-- a metatable on _G can trap reads and writes of undeclared globals
local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v) declared[k] = true rawset(t, k, v) end,
  __index = function(_, k) error("undeclared global '" .. tostring(k) .. "'", 2) end,
})
x = 1
print(x, declared.x)
print(pcall(function() return y end))
print(rawget(_G, "y"))
setmetatable(_G, nil)
print(y)
