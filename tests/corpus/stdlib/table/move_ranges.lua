-- table.move: forward, overlapping, into another table, empty ranges
local function show(t, lo, hi)
  local out = {}
  for i = lo, hi do out[#out + 1] = tostring(t[i]) end
  print(table.concat(out, " "))
end
local t = {1, 2, 3, 4, 5}
table.move(t, 1, 3, 3) show(t, 1, 6)
t = {1, 2, 3, 4, 5}
table.move(t, 2, 5, 1) show(t, 1, 5)
local a2 = {}
print(table.move({1, 2, 3}, 1, 3, 2, a2) == a2) show(a2, 1, 4)
t = {1, 2, 3}
print(table.move(t, 3, 1, 1) == t) show(t, 1, 3)
table.move(t, 1.5, 2.5, 4) show(t, 1, 6)
print(pcall(table.move, {1, 2, 3}, 1, 3))
print(pcall(table.move))
print(pcall(table.move, {}, 1, 2, 3, "x"))
