-- NaN and signed zero through hot loops: comparisons, arithmetic, printing
local nan = 0 / 0
local lt, ge, eq, ne = 0, 0, 0, 0
for i = 1, 300 do
  local x = (i % 4 == 0) and nan or i
  if x < 100 then lt = lt + 1 end
  if not (x < 100) then ge = ge + 1 end
  if x == x then eq = eq + 1 end
  if x ~= x then ne = ne + 1 end
end
print(lt, ge, eq, ne)
local z
for i = 1, 200 do z = -0.0 * i end
print(z, 1 / z)
local m
for i = 1, 200 do m = (-i) % i end
print(m)
