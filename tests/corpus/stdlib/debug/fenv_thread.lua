-- debug.getfenv/setfenv on a coroutine: its environment, used by functions it loads with getfenv(0)
local co = coroutine.create(function() return getfenv(0) end)
print(debug.getfenv(co) == _G)
local env = { tag = "mine" }
print(debug.setfenv(co, env) == co)
print(debug.getfenv(co) == env)
local ok, e = coroutine.resume(co)
print(ok, e == env, e.tag)
print(pcall(debug.setfenv, co, 5))
