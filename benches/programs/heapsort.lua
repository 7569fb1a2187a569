-- Heapsort of random floats in a plain array.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 1000000

local seed = 42
local function random(max)
  seed = (seed * 3877 + 29573) % 139968
  return max * seed / 139968
end

local function heapsort(a, count)
  -- Build the heap, then repeatedly move its top to the end.
  local function sift(start, stop)
    local root = start
    local value = a[root]
    while true do
      local child = root * 2
      if child > stop then break end
      if child < stop and a[child] < a[child + 1] then child = child + 1 end
      if value >= a[child] then break end
      a[root] = a[child]
      root = child
    end
    a[root] = value
  end
  for start = math.floor(count / 2), 1, -1 do sift(start, count) end
  for stop = count, 2, -1 do
    a[1], a[stop] = a[stop], a[1]
    sift(1, stop - 1)
  end
end

local a = {}
for i = 1, n do a[i] = random(1.0) end
heapsort(a, n)
local sorted = true
for i = 2, n do
  if a[i - 1] > a[i] then sorted = false end
end
print(string.format("sorted %s first %.10f middle %.10f last %.10f",
  tostring(sorted), a[1], a[math.floor(n / 2)], a[n]))
