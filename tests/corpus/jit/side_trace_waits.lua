-- side traces that stop at an inner loop without a trace wait and retry once it has one (fannkuch shape)
local perm, work, total = {1, 2, 3, 4, 5, 6}, {}, 0
for round = 1, 20000 do
  for i = 1, 6 do work[i] = perm[(i + round) % 6 + 1] end
  local first = work[1]
  while first ~= 1 do
    local lo, hi = 1, first
    while lo < hi do
      work[lo], work[hi] = work[hi], work[lo]
      lo, hi = lo + 1, hi - 1
    end
    total = total + 1
    first = work[1]
  end
end
print(total)
