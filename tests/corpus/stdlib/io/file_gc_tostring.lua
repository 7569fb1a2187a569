-- file handles print as 'file (0x...)' or 'file (closed)'
local f = io.tmpfile()
print((tostring(f):gsub("0x%x+", "ADDR")))
f:close()
print(tostring(f))
print((tostring(io.stdout):gsub("0x%x+", "ADDR")))
