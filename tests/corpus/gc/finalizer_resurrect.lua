-- a finalizer may store its object somewhere reachable
local saved
local function make()
  local p = newproxy(true)
  getmetatable(p).__gc = function(self) saved = self end
end
make()
collectgarbage()
collectgarbage()
print(type(saved))
