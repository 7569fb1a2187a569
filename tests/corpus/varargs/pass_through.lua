-- varargs can be passed on, stored and unpacked
local function f(...) return ... end
print(f(1, 2, 3))
print(f())
print((f(1, 2, 3)))
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])
print(unpack(p, 1, p.n))
