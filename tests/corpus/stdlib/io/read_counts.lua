-- file:read with byte counts, zero counts at and before EOF, and several formats at once
local name = os.tmpname()
local f = io.open(name, "w") f:write("hello\nworld\n12 34\n") f:close()
f = io.open(name)
print(f:read(3), f:read(0), f:read("*l"), f:read(2, "*l"))
print(f:read("*n", "*n"))
print(f:read(0), f:read(1), f:read(0), f:read("*a"), f:read("*l"), f:read(1))
f:close()
os.remove(name)
