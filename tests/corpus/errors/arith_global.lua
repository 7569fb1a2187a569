-- uncaught arithmetic on a nil global names the global
print("start")
local x = 1 + missing_global
