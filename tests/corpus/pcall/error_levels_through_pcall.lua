-- error levels skip over pcall frames
local function thrower(level) error("lvl" .. level, level) end
local function via_pcall(level) return select(2, pcall(thrower, level)) end
print(via_pcall(1))
print(via_pcall(2))
print(via_pcall(3))
local function wrapper() return via_pcall(2) end
print(wrapper())
