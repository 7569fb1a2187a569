-- getfenv and setfenv by level, by function and with level 0
local env = setmetatable({}, {__index = _G})
local function inner()
  print(getfenv(1) == env, getfenv(2) == _G, getfenv() == env)
end
setfenv(inner, env)
inner()
local function outer() setfenv(2, env) end
local function caller() outer(); return x_global end
env.x_global = "from env"
print(caller())
print(getfenv(caller) == env, getfenv(0) == _G, getfenv(print) == _G)
print(pcall(getfenv, 50))
print(pcall(getfenv, -1))
print(pcall(setfenv, 50, {}))
print(pcall(setfenv, print, {}))
print(pcall(setfenv, inner, 1))
