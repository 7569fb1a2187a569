-- io.popen first writes out pending output of open files, so the command sees it
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("pending line\n")
local p = io.popen("cat " .. name)
print(p:read("*a"))
p:close()
f:close()
os.remove(name)
