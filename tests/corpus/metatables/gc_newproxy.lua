-- __gc on newproxy userdata runs when it is collected
-- (garbage is made inside functions so no stale stack slot can keep it alive)
local log = {}
local function make()
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = "collected" end
end
make()
collectgarbage()
collectgarbage()
print(#log, log[1])
