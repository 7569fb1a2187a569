-- an error in a __gc finalizer run at exit does not change the outcome
local keep = newproxy(true)
getmetatable(keep).__gc = function() error("finalizer at exit") end
print("done")
