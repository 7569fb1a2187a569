-- setfenv returns the function; a chunk's globals go through the new environment
local f = loadstring("y = 10; return y, z")
local env = {z = 5}
print(setfenv(f, env) == f)
print(f())
print(env.y, y)
print(pcall(setfenv, 1, nil))
print(pcall(setfenv, "x", {}))
