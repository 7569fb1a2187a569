-- side traces: a side trace whose first check fails later (nil then false entries),
-- breaks out of an inner loop continuing round the outer loop, many paths past maxside
local t, s = {}, 0
for i = 1, 100 do if i % 10 ~= 0 then t[i] = true end end
for round = 1, 300 do
  if round == 100 then for i = 10, 100, 10 do t[i] = false end end
  if round == 200 then for i = 10, 100, 20 do t[i] = 0 end end
  for i = 1, 100 do
    if t[i] then s = s + 1 elseif t[i] == false then s = s + 2 end
  end
end
print(s)

local n = 0
for x = 1, 3000 do
  for k = 1, 50 do
    if k * k > x % 97 then n = n + k break end
  end
  if x == 2000 then n = n + 0.5 end
end
print(n)

jit.opt.start("maxside=3")
local paths = 0
for i = 1, 5000 do
  local r = i % 7
  if r == 0 then paths = paths + 1 elseif r == 1 then paths = paths + 2
  elseif r == 2 then paths = paths + 3 elseif r == 3 then paths = paths * 1
  elseif r == 4 then paths = paths - 1 elseif r == 5 then paths = paths + 0.25
  else paths = paths + i end
end
print(paths)

-- a loop whose recordings keep leaving it early, then loop back: the waits between
-- tries double, so a later phase still gets a trace
local a = {}
for i = 1, 2000 do a[i] = (i * 7919) % 1000 end
local steps = 0
for start = 1, 2000 do
  local j = start
  while true do
    local c = j * 2
    if c > 2000 or a[c] < a[j] then break end
    j = c
    steps = steps + 1
  end
end
print(steps)
