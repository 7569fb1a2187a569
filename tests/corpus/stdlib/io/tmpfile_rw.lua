-- io.tmpfile is open for reading and writing
local f = io.tmpfile()
f:write("line one\nline two\n")
f:seek("set", 0)
for l in f:lines() do print(l) end
print(f:seek("cur"), f:seek("set", 5), f:read(3))
f:close()
