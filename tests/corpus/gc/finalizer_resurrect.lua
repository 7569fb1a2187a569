-- a finalizer may store its object somewhere reachable
local saved
do
  local p = newproxy(true)
  getmetatable(p).__gc = function(self) saved = self end
end
collectgarbage()
collectgarbage()
print(type(saved))
