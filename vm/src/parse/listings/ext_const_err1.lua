const a = 1
local function g() a = 2 end
