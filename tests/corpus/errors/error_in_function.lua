-- uncaught error from a nested function call
local function level3() error("deep failure") end
local function level2() level3() end
local function level1() level2() end
level1()
