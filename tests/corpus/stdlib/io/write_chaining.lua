-- write returns the file so calls chain; numbers are written with %.14g
local f = io.tmpfile()
print(f:write("a", 1, 2.5, "\n"):write(1/3, "\n") == f)
f:seek("set")
print(f:read("*a"))
print(pcall(f.write, f, {}))
print(pcall(f.write, f, nil))
print(pcall(f.write, f, true))
f:close()
