-- io.type on files, closed files and other values
local f = io.tmpfile()
print(io.type(f), io.type(io.stdout), io.type(42), io.type({}), io.type(nil), io.type(newproxy(true)))
f:close()
print(io.type(f))
print(pcall(io.type))
