-- in Lua 5.1, __gc on a table is never called
local called = false
do
  local t = setmetatable({}, {__gc = function() called = true end})
end
collectgarbage()
collectgarbage()
print(called)
