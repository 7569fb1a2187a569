-- weak values that are userdata being finalized are cleared before __gc runs
collectgarbage("stop")
local shared = newproxy(true)
local weak = setmetatable({}, {__mode = "v"})
local weakk = setmetatable({}, {__mode = "k"})
local p = newproxy(shared)
weak[1] = p
weakk[p] = "key kept"
getmetatable(shared).__gc = function(o)
  local n = 0
  for _ in pairs(weakk) do n = n + 1 end
  print("in __gc", weak[1], n)
end
p = nil
collectgarbage()
print("after collect", weak[1])
