-- error levels 1, 2 and 0 pick the position prefix
local function lvl1() error("level one", 1) end
local function lvl2() error("level two", 2) end
local function lvl0() error("level zero", 0) end
local function call2() lvl2() end
print(pcall(lvl1))
print(pcall(call2))
print(pcall(lvl0))
local function lvl3() error("level three", 3) end
local function mid() lvl3() end
local function top() mid() end
print(pcall(top))
