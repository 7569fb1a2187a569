-- an index stepped by hand after it indexed a table (lo = lo + 1 after t[lo]) stays an int round the loop: overflow past the int range, -0, fractions, constant on the left and negative steps leave the trace exactly where the interpreter's numbers say
local t = {}
for i = 1, 64 do t[i] = i * 3 end

local function swaps(lo, hi)
  local s = 0
  while lo < hi do
    t[lo], t[hi] = t[hi], t[lo]
    s = s + t[lo]
    lo, hi = lo + 1, hi - 1
  end
  return s, lo, hi
end
local acc = 0
for i = 1, 400 do
  local s, lo, hi = swaps(1 + i % 5, 40 - i % 7)
  acc = acc + s + lo * 2 + hi
end
print(acc)

-- constant first, negative step, and a step of zero (not narrowed)
local u = 0
for i = 1, 300 do
  local k = 10
  repeat u = u + t[k]; k = -1 + k until k < 3
  local j = 2
  while j < 20 do u = u + t[j]; j = 2 + j end
  local z = 5
  u = u + t[z]; z = z + 0; u = u + z
end
print(u)

-- the index leaves the int range, or starts as -0 or a fraction
local big = { [2147483646] = 1, [2147483647] = 2 }
local function walk(k, n)
  local out = {}
  for _ = 1, n do
    local v = big[k] or t[k]
    out[#out + 1] = tostring(v)
    k = k + 1
    out[#out + 1] = tostring(k)
  end
  return table.concat(out, " ")
end
for i = 1, 200 do
  local r1 = walk(2147483646, 3)
  local r2 = walk(-0.0, 2)
  local r3 = walk(i % 3 + 0.5, 2)
  if i % 50 == 0 then print(r1, r2, r3) end
end
local m = -0.0
for i = 1, 200 do
  local v = t[m]
  m = m - 1
  if i == 1 or i == 200 then print(v, m, 1 / (m + i)) end
  m = m + 1
end
