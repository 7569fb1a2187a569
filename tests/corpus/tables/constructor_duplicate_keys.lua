-- a constructor with the same key twice: in LuaJIT the later entry wins
local u = {[1] = "a", "b"}
print(u[1])
local v = {"a", [1] = "b"}
print(v[1])
local t = {1, 2, 3, [1 + 1] = "two"}
print(t[2], #t)
local d = {x = 1, x = 2}
print(d.x)
