-- many draws from the default sequence: sums and extremes agree with LuaJIT
local s, lo, hi = 0, 1, 0
for i = 1, 20000 do
  local r = math.random()
  s = s + r
  if r < lo then lo = r end
  if r > hi then hi = r end
end
print(s, lo, hi)
local counts = {0, 0, 0, 0, 0, 0}
for i = 1, 6000 do local r = math.random(6); counts[r] = counts[r] + 1 end
print(table.concat(counts, " "))
