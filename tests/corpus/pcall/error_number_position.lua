-- error with a number message at level 1 gets a position and becomes a string
local ok, e = pcall(function() error(42) end)
print(ok, e, type(e))
ok, e = pcall(function() error(42, 0) end)
print(ok, e, type(e))
ok, e = pcall(function() error(42, 2) end)
print(ok, e, type(e))
