-- uncaught arithmetic on a table in a temporary names no variable
local function get() return {} end
print(get() + 1)
