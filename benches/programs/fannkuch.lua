-- Fannkuch-redux: pancake flips over every permutation of 1..n, counted by index.
-- quick: 6
local n = tonumber(arg and arg[1]) or 10

local perm, work, counters = {}, {}, {}
for i = 1, n do perm[i] = i end

local max_flips, checksum, index = 0, 0, 0
local finished = false
while not finished do
  -- Count the flips for the current permutation.
  local first = perm[1]
  if first ~= 1 then
    for i = 1, n do work[i] = perm[i] end
    local flips = 0
    while first ~= 1 do
      local lo, hi = 1, first
      while lo < hi do
        work[lo], work[hi] = work[hi], work[lo]
        lo, hi = lo + 1, hi - 1
      end
      flips = flips + 1
      first = work[1]
    end
    if flips > max_flips then max_flips = flips end
    if index % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
  end
  index = index + 1

  -- Next permutation in the rotation order: rotate the first r+1 elements left,
  -- carrying into the next position once a prefix has gone all the way round.
  local r = 1
  while true do
    if r >= n then finished = true break end
    local head = perm[1]
    for i = 1, r do perm[i] = perm[i + 1] end
    perm[r + 1] = head
    local c = (counters[r] or 0) + 1
    if c <= r then counters[r] = c break end
    counters[r] = 0
    r = r + 1
  end
end

print(string.format("%d\nPfannkuchen(%d) = %d", checksum, n, max_flips))
