-- table constructors with positional, named and computed keys
local t = {1, 2, 3, x = "x", ["y z"] = "yz", [10] = "ten", [1 + 1] = "overridden?"}
print(t[1], t[2], t[3], t.x, t["y z"], t[10])
local u = {[1] = "a", "b"}
print(u[1])
local v = {"a", [1] = "b"}
print(v[1])
local w = {1, 2, 3,}
print(#w)
local z = {x = 1; y = 2; 3}
print(z.x, z.y, z[1])
