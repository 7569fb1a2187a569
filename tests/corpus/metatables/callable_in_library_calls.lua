-- tables with __call used where library functions expect functions
local callable = setmetatable({}, {__call = function(self, a, b) return a < b end})
local t = {3, 1, 2}
print(pcall(table.sort, t, callable))
print(table.concat(t, " "))
print(pcall(coroutine.create, callable))
print(pcall(pcall, callable, 1, 2))
print(pcall(xpcall, function() error("e") end, callable))
