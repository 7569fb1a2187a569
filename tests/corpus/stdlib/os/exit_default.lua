-- os.exit() without arguments: status 0, no finalizers
local p = newproxy(true)
getmetatable(p).__gc = function() print("finalized") end
print("exiting")
os.exit()
