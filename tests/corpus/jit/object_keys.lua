-- table keys held in registers that are not numbers (strings, booleans, tables, functions): counted, read and written by hash inside traces; keys appear, vanish and change type mid-loop
local words = { "a", "bb", "a", "ccc", "bb", "a", "dd" }
local counts = {}
for i = 1, 700 do
  local w = words[i % #words + 1]
  counts[w] = (counts[w] or 0) + 1
end
print(counts.a, counts.bb, counts.ccc, counts.dd)

local flags, objs = {}, {}
local k1, k2 = {}, function() end
for i = 1, 300 do
  local b = i % 3 == 0
  flags[b] = (flags[b] or 0) + i
  local o = i % 2 == 0 and k1 or k2
  objs[o] = (objs[o] or 0) + 1
end
print(flags[true], flags[false], objs[k1], objs[k2])

-- a key is removed and the lookup sees nil; then the key's type changes
local t = { x = 1, y = 2 }
local keys = { "x", "y", "z" }
local seen = 0
for i = 1, 300 do
  local k = keys[i % 3 + 1]
  if i == 200 then t.y = nil end
  if t[k] then seen = seen + t[k] end
  if i == 250 then keys[1] = 1; t[1] = 10 end
end
print(seen)

-- a metatable shows up: reads of absent keys must consult __index
local m = {}
local hits = 0
for i = 1, 300 do
  local k = words[i % #words + 1]
  if i == 150 then setmetatable(m, { __index = function() return 1 end }) end
  hits = hits + (m[k] or 0)
end
print(hits)
