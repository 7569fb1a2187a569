-- a pipe still open at exit is closed (its output written, the child waited for) when the state closes
local p = io.popen("cat", "w")
p:write("from the pipe at exit\n")
