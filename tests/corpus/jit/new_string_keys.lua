-- stores that add constant string keys inside traces (NEWREF): objects filled field by field as their hash part grows, a dead key revived, nil stored to an absent key, and a __newindex that appears mid-loop
local objs = {}
for i = 1, 300 do
  local o = {}
  o.x = i
  o.y = i * 2
  o.name = "n" .. i
  o.z, o.w, o.v = i, i, i
  objs[i] = o
end
local sx, keys = 0, 0
for i = 1, #objs do
  sx = sx + objs[i].x + objs[i].y + objs[i].w
end
for k in pairs(objs[300]) do keys = keys + 1 end
print(sx, keys, objs[7].name)

-- the same table: the key is new once, then present
local t = {}
for i = 1, 200 do
  t.count = (t.count or 0) + 1
end
print(t.count)

-- a dead key (set to nil) comes back to life
local d = { a = 1 }
local revived = 0
for i = 1, 200 do
  d.a = nil
  d.a = i
  revived = revived + d.a
end
print(revived)

-- nil stored to an absent key: the key exists but holds nothing
local e = {}
for i = 1, 200 do
  local f = {}
  f.gone = nil
  f.kept = i
  e[i] = f
end
local n = 0
for k, v in pairs(e[200]) do n = n + 1 end
print(next(e[1]), n, e[200].kept)

-- a metatable with __newindex appears in the middle
local log = 0
local m = {}
for i = 1, 200 do
  local o = {}
  if i == 150 then setmetatable(o, { __newindex = function(tt, k, v) log = log + v end }) end
  o.f = i
  m[i] = o
end
print(log, m[149].f, m[150].f, m[151].f)
