-- changing the local after creating the closure is seen by the closure
local x = 1
local function get() return x end
x = 2
print(get())
x = "three"
print(get())
