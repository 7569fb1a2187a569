local x = 1
local function f() x = 2 end
local y
y = 3
