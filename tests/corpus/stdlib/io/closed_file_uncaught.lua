-- reading a closed file raises an error with the caller's position
local f = io.tmpfile()
f:close()
print("before")
local x = f:read("*a")
print("not reached", x)
