-- function environments replace the globals a function sees
local function f() return answer end
answer = "global answer"
print(f())
setfenv(f, {answer = "env answer"})
print(f(), answer)
print(getfenv(f).answer)
print(getfenv(1) == _G, getfenv(0) == _G)
local g = loadstring("x_in_env = 1 return x_in_env")
local env = {}
setfenv(g, env)
print(g(), env.x_in_env, x_in_env)
