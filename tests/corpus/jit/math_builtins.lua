-- math functions the JIT records: abs, floor, ceil, sqrt, min, max, with negative zero and fractions
local s = 0
for i = -150, 150 do
  local x = i / 7
  s = s + math.abs(x) + math.floor(x) + math.ceil(x) + math.sqrt(i * i) + math.min(x, 1, -x) + math.max(x, -1)
end
print(s)
local z = 0
for i = 1, 100 do z = math.floor(-0.5 + i * 0) end
print(z, 1 / z)
local mn, mx = math.huge, -math.huge
for i = 1, 200 do local v = math.sin(i) * 100; mn = math.min(mn, v); mx = math.max(mx, v) end
print(mn, mx)
