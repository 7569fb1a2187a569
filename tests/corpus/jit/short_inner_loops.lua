-- outer loops around inner loops of two or three iterations: the root trace unrolls the short inner loops (numeric for, while, ipairs), also counting down and with a NaN limit; then the trip count and the types change
local acc = 0
for i = 1, 400 do
  for j = 1, 2 do acc = acc + i * j end
  local k = 0
  while k < 3 do k = k + 1; acc = acc + k end
  for j = 3, 1, -1 do acc = acc - j end
end
print(acc)

local small = { 1, 2, 3 }
local s = 0
for i = 1, 400 do
  for _, v in ipairs(small) do s = s + v * i end
  if i == 300 then small[2] = 0.5 end
  if i == 350 then small[4] = 10 end
end
print(s)

-- the inner trip count grows long after the trace is built
local t = 0
for i = 1, 300 do
  local n = i < 200 and 2 or 40
  for j = 1, n do t = t + j end
end
print(t)

-- a NaN limit ends a loop at once, in both directions
local nan = 0 / 0
local runs = 0
for i = 1, 300 do
  local lim = i > 250 and nan or 2
  for j = 1, lim do runs = runs + 1 end
  for j = 2, (i > 260 and nan or 1), -1 do runs = runs + 1 end
end
print(runs)

-- leaving the outer loop from inside it
local found
for i = 1, 1000 do
  local hit = false
  for j = 1, 2 do if i * j == 1200 then hit = true end end
  if hit then found = i break end
end
print(found)

-- inner loops of one iteration never loop back while recorded: after their own recordings fail, the outer trace unrolls them
local once = 0
for i = 1, 500 do
  for j = 1, 1 do once = once + j end
  local w = 0
  while w < 1 do w = w + 1; once = once + w end
  for _, v in ipairs({ i }) do once = once + v end
end
print(once)
