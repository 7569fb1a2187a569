-- ipairs and pairs ignore __index, __pairs and __ipairs
local t = setmetatable({}, {
  __index = function(_, i) if type(i) == "number" and i <= 3 then return i * 10 end end,
  __pairs = function() error("__pairs used") end,
  __ipairs = function() error("__ipairs used") end,
})
local n = 0
for _ in ipairs(t) do n = n + 1 end
print("ipairs", n)
for _ in pairs(t) do n = n + 1 end
print("pairs", n)
print(t[2])
