-- an error inside a __gc finalizer surfaces from the collection that ran it
local function make()
  local p = newproxy(true)
  getmetatable(p).__gc = function() error("finalizer failed", 0) end
end
make()
local ok, err = pcall(collectgarbage)
print(ok, err)
print(pcall(collectgarbage))
