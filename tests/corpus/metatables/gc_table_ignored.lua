-- in Lua 5.1, __gc on a table is never called
local called = false
local function make()
  local t = setmetatable({}, {__gc = function() called = true end})
end
make()
collectgarbage()
collectgarbage()
print(called)
