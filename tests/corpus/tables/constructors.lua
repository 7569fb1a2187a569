-- table constructors with positional, named and computed keys
local k = "computed"
local t = {1, 2, 3, x = "x", ["y z"] = "yz", [10] = "ten", [k] = "c", [2 * 10] = "twenty"}
print(t[1], t[2], t[3], t.x, t["y z"], t[10], t.computed, t[20])
local w = {1, 2, 3,}
print(#w)
local z = {x = 1; y = 2; 3}
print(z.x, z.y, z[1])
local e = {}
print(next(e), #e)
local nested = {{}, {{}}, n = {m = {}}}
print(#nested, #nested[2], type(nested.n.m))
