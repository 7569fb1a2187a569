-- method calls on nested fields describe the method
local obj = {inner = {}}
print(pcall(function() obj.inner:run() end))
print(pcall(function() obj.missing:run() end))
print(pcall(function() return obj.inner.deep.x end))
