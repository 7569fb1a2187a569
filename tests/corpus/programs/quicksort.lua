-- recursive quicksort on an array
local function qsort(t, lo, hi)
  if lo >= hi then return end
  local p, i = t[hi], lo
  for j = lo, hi - 1 do
    if t[j] < p then t[i], t[j] = t[j], t[i] i = i + 1 end
  end
  t[i], t[hi] = t[hi], t[i]
  qsort(t, lo, i - 1)
  qsort(t, i + 1, hi)
end
local t, x = {}, 12345
for i = 1, 200 do x = (x * 1103515245 + 12345) % 2147483648 t[i] = x % 1000 end
qsort(t, 1, #t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, t[1], t[100], t[200])
