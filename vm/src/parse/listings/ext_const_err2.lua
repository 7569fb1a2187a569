const a = 1
local a = 2
