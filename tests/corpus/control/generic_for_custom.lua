-- custom iterators: stateless, stateful, and with an explicit state
local function range(n)
  local i = 0
  return function() i = i + 1 if i <= n then return i end end
end
local out = {}
for i in range(4) do out[#out + 1] = i end
print(table.concat(out, " "))
local function step(limit, i) if i < limit then return i + 2 end end
out = {}
for i in step, 9, 0 do out[#out + 1] = i end
print(table.concat(out, " "))
local function pairs_of(t, i)
  i = i + 1
  if t[i] and t[i + 1] then return i + 1, t[i], t[i + 1] end
end
for i, a, b in pairs_of, {1, 2, 3, 4}, 0 do print(i, a, b) end
