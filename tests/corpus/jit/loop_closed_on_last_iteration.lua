-- short while and repeat loops whose recordings start on their last iteration: the trace closes the loop on the comparison's other outcome; then trip counts grow, bounds turn NaN and operands turn into strings
local s = 0
for i = 1, 300 do
  local lo, hi = 0, 1
  while lo < hi do lo = lo + 1; s = s + lo end
  local k = 5
  while k >= 5 do k = k - 1; s = s + k end
  local m = 0
  while m <= 0 do m = m + 0.5; s = s + m end
  local q = 3
  while q > 2 do q = q - 1 end
  s = s + q
  local r = 0
  repeat r = r + 1 until r >= 1
  s = s + r
end
print(s)

-- the same loops running longer once their traces exist
local t = 0
for i = 1, 300 do
  local lo, hi = 0, i < 200 and 1 or 7
  while lo < hi do lo = lo + 1; t = t + lo end
  local r = 0
  repeat r = r + 1; t = t + r until r >= (i < 250 and 1 or 4)
end
print(t)

-- a NaN bound ends the loop at once; a float index steps past it
local nan = 0 / 0
local u = 0
for i = 1, 300 do
  local x, lim = 0, i % 50 == 0 and nan or 1
  while x < lim do x = x + 1; u = u + 1 end
  local y = 0.25
  while y < 1 do y = y + 0.5; u = u + y end
end
print(u)

-- the bound turns into a string: the comparison fails in the interpreter
local ok, err = pcall(function()
  local v = 0
  for i = 1, 300 do
    local lo, hi = 0, i == 280 and "x" or 1
    while lo < hi do lo = lo + 1; v = v + 1 end
  end
  return v
end)
print(ok, err)
