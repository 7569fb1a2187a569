-- io.popen for reading a command's output and writing to a command's input
local p = io.popen("echo hello; echo world")
print(p:read("*l"), p:read("*a"))
print(p:close())
local w = io.popen("cat", "w")
print(io.type(w))
w:write("to cat\n")
w:close()
print(pcall(io.popen, "true", "x"))
