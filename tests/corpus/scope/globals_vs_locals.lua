-- a local hides a global of the same name, which stays reachable through _G
value = "global"
local value = "local"
print(value, _G.value)
local function f() return value end
value = "changed local"
print(f(), _G.value)
