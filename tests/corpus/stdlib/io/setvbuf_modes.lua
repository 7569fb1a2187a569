-- file:setvbuf modes and errors
local f = io.tmpfile()
print(f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line"))
print(pcall(f.setvbuf, f, "bad"))
print(pcall(f.setvbuf, f))
f:close()
