-- several finalizers all run at collection
local log = {}
for i = 1, 3 do
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = i end
end
collectgarbage()
collectgarbage()
table.sort(log)
print(#log, table.concat(log, ","))
