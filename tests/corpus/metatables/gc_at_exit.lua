-- __gc finalizers of live userdata run when the program ends
local keep = newproxy(true)
getmetatable(keep).__gc = function() print("finalized at exit") end
print("end of program")
