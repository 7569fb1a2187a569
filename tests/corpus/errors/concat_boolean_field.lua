-- uncaught concatenation of a boolean field
local t = {done = false}
print("done: " .. t.done)
