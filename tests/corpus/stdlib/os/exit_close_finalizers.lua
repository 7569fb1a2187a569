-- os.exit(0, true) closes the state, running __gc finalizers
local p = newproxy(true)
getmetatable(p).__gc = function() print("finalized") end
print("exiting")
os.exit(0, true)
