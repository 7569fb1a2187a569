-- table.insert at the end, in the middle, at 1, beyond the end and below 1
local function show(t, lo, hi)
  local out = {}
  for i = lo, hi do out[#out + 1] = tostring(t[i]) end
  print(table.concat(out, " "))
end
local t = {1, 2, 3}
table.insert(t, 4) show(t, 1, 4)
table.insert(t, 1, 0) show(t, 0, 5)
table.insert(t, 3, "m") show(t, 1, 6)
table.insert(t, 10, "far") show(t, 1, 10)
local u = {1, 2, 3}
table.insert(u, 0, "z") show(u, -1, 4)
local v = {1, 2}
table.insert(v, -2, "neg") show(v, -3, 3)
local w = {"a", "b"}
table.insert(w, 2.7, "f") show(w, 1, 3)
table.insert(w, "1", "s") show(w, 1, 4)
