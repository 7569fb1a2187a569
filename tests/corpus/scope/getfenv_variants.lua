-- getfenv on functions, levels and builtins
local env = {}
local f = setfenv(function() end, env)
print(getfenv(f) == env, getfenv() == _G, getfenv(0) == _G)
print(getfenv(print) == _G)
print(pcall(getfenv, 100))
print(pcall(setfenv, print, {}))
