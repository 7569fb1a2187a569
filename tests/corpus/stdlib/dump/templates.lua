-- constant tables in dumps: mode "d" sorts hash keys; loaded templates work
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function t1() return {1, 2.5, "s", true, false, [0] = 0} end
local function t2() return {b = 1, a = 2, [1.5] = 3, [-1] = 4, [true] = 5, [false] = 6, c = "x", [1e10] = 7} end
local function t3(x) return {x, y = x, 1, z = false, [3] = 3} end
local function t4() return {{1}, {a = {}}, n = -0.0} end
for _, f in ipairs({t1, t2, t3, t4}) do
  print(hex(string.dump(f, "d")))
  print(hex(string.dump(f, "sd")))
end
local g = loadstring(string.dump(t2, "d"))()
local keys = {}
for k in pairs(g) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "), g.a, g.b, g.c, g[1.5], g[-1], g[true], g[false], g[1e10])
local h = loadstring(string.dump(t3))(9)
print(h[1], h[2], h[3], h.y, h.z, #h)
local k = loadstring(string.dump(t4))()
print(#k[1], k[1][1], next(k[2].a), 1 / k.n)
-- the array part of a loaded template ends at its last non-nil value
print(#loadstring(string.dump(function() return {1, nil, 3} end))())
print(#loadstring(string.dump(function() return {nil, nil, 3, nil} end))())
