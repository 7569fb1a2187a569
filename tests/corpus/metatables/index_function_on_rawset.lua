-- after rawset, __index is no longer consulted for that key
local hits = 0
local t = setmetatable({}, {__index = function(_, k) hits = hits + 1 return k * 2 end})
print(t[1], t[2], hits)
rawset(t, 1, "own")
print(t[1], t[2], hits)
