-- several finalizers all run at collection
local log = {}
local function make(i)
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = i end
end
for i = 1, 3 do make(i) end
collectgarbage()
collectgarbage()
table.sort(log)
print(#log, table.concat(log, ","))
