-- __unm gets the operand (twice in LuaJIT)
local mt = {__unm = function(a, b) return rawequal(a, b), type(a) end}
local t = setmetatable({}, mt)
print(-t)
