-- file:read with invalid format strings and values
local f = io.tmpfile()
print(pcall(f.read, f, "*x"))
print(pcall(f.read, f, "x"))
print(pcall(f.read, f, {}))
print(pcall(f.read, f, "*"))
print(f:read("n"), f:read("a"), f:read("l"))
f:close()
