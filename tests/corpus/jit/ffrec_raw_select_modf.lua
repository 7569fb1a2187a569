-- rawget/rawset/rawequal, select and math.modf recorded in hot loops (metatables, NaN, +-0, inf)
local t = {10, 20, 30, x = 1}
local proxy = setmetatable({}, {__index = function() return "meta" end, __newindex = function() error("no") end})
local s = 0
for i = 1, 200 do
  s = s + rawget(t, i % 3 + 1) + rawget(t, "x")
  rawset(t, "x", rawget(t, "x") + 1)
  rawset(t, i % 3 + 1, i)
end
for i = 1, 100 do
  rawset(proxy, 1, i)
  if rawget(proxy, 2) == nil then s = s + 1 end
end
print(s, t.x, t[1], t[2], t[3], proxy[1], proxy[2])

local vals = {1, 1.0, "1", 0/0, -0, 0, t, proxy, true, false}
local eqs = 0
for i = 1, 300 do
  local a = vals[i % #vals + 1]
  local b = vals[(i * 7) % #vals + 1]
  if rawequal(a, b) then eqs = eqs + i end
  if rawequal(a, a) then eqs = eqs + 1 end
end
print("rawequal", eqs)

local function count(...) return select("#", ...) end
local n = 0
for i = 1, 200 do
  n = n + select("#", i, nil, i) + select(2, i, i * 2, i * 3) + select(3, 1, 2, i % 5)
end
print("select", n)

local mvals = {0, -0, 1.5, -1.5, 2, -2, 1/0, -1/0, 0/0, 1e300, -0.25, 2^53 + 1}
local ips, fps = {}, {}
for i = 1, 240 do
  local ip, fp = math.modf(mvals[i % #mvals + 1])
  ips[i % #mvals + 1], fps[i % #mvals + 1] = ip, fp
end
local out = {}
for i = 1, #mvals do
  out[i] = string.format("%g/%g/%s", ips[i], fps[i], tostring(1 / fps[i]))
end
print(table.concat(out, " "))
