-- file:read(-1) raises 'not enough memory' (no position), uncaught
local f = io.tmpfile()
f:write("data")
f:seek("set")
print(f:read(2))
f:read(-1)
