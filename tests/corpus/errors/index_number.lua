-- uncaught indexing of a number
local n = 42
n.x = 1
