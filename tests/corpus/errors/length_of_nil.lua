-- uncaught length of a nil local
local list
print(#list)
