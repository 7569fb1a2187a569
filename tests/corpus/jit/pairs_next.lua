-- pairs and next in hot loops: array then hash part (the key's type changes), values changing type, fields cleared while traversing, next called directly, and next's error for a bad key
local t = {}
for i = 1, 30 do t[i] = i end
for i = 1, 30 do t["k" .. i] = i * 2 end

local sum, nkeys, nstr = 0, 0, 0
for r = 1, 60 do
  for k, v in pairs(t) do
    nkeys = nkeys + 1
    if type(k) == "string" then nstr = nstr + 1 end
    sum = sum + v
  end
end
print(sum, nkeys, nstr)

-- values change type in the middle of a traversal that is already compiled
t.k7 = "seven"
t[12] = true
local seen = {}
for r = 1, 60 do
  for k, v in pairs(t) do
    local tv = type(v)
    seen[tv] = (seen[tv] or 0) + 1
  end
end
print(seen.number, seen.string, seen.boolean)

-- clearing fields while traversing is allowed
local u = {}
for i = 1, 50 do u["x" .. i] = i end
local cleared = 0
for k, v in pairs(u) do
  if v % 2 == 0 then u[k] = nil; cleared = cleared + 1 end
end
local left = 0
for k, v in pairs(u) do left = left + v end
print(cleared, left)

-- next by hand, with explicit keys
local count, k = 0, nil
for r = 1, 300 do
  k = next(t, k)
  if k == nil then count = count + 1 end
end
print(count)

-- an empty table, and next after the last key
local e = {}
local empties = 0
for r = 1, 200 do
  if next(e) == nil then empties = empties + 1 end
end
print(empties)

-- a key that is not in the table: next's error, raised by the interpreter
local ok, err = pcall(function()
  local n = 0
  for r = 1, 200 do
    local key = r < 150 and "k1" or "absent"
    n = n + (next(t, key) and 1 or 0)
  end
  return n
end)
print(ok, err)
