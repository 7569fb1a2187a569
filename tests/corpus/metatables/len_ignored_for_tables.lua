-- in Lua 5.1, # on a table ignores __len
local t = setmetatable({1, 2, 3}, {__len = function() return 42 end})
print(#t)
print(rawlen == nil)
