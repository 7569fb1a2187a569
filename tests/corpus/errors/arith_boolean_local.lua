-- uncaught arithmetic on a boolean local
local flag = true
print(-flag)
