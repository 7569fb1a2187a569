-- __call on a table whose handler is itself callable
local inner = setmetatable({}, {__call = function(_, ...) return "inner", ... end})
local outer = setmetatable({}, {__call = function(self, ...) return inner(...) end})
print(outer(1, 2))
print(pcall(setmetatable({}, {__call = 5})))
