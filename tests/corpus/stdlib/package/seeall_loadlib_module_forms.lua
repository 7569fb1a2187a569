-- package.seeall, package.loadlib failures and module() with/without seeall and preset package.loaded
print(pcall(package.seeall))
print(pcall(package.seeall, 1))
local m = {}
package.seeall(m)
print(getmetatable(m).__index == _G)
local m2 = setmetatable({}, {__index = 1})
package.seeall(m2)
print(getmetatable(m2).__index == _G)
print(pcall(module, 1))
print(package.loadlib("nonexistent_lib.so", "f"))
print(package.loadlib("nonexistent_lib.so", "*"))
print(pcall(package.loadlib))
local function modbody() module("seeall_test", package.seeall) return print ~= nil, _M == seeall_test end
print(modbody())
local function modbody2() module("noseeall_test") return print end
print(pcall(modbody2))
print(seeall_test._NAME, package.loaded.seeall_test == seeall_test, package.loaded.noseeall_test == noseeall_test)
local function modbody3() module("seeall_test") return _NAME end
print(modbody3())
package.loaded.preset = {x = 1}
local function modbody4() module("preset") return x end
print(modbody4())
