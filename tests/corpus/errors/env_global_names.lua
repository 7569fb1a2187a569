-- globals read through a replaced environment are still named global
local f = setfenv(function() return missing_in_env.x end, {})
print(pcall(f))
local g = setfenv(function() missing_fn() end, {})
print(pcall(g))
