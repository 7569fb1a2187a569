-- A numeric `for` loop doing integer and floating-point arithmetic.
-- quick: 1000
local n = tonumber(arg and arg[1]) or 10000000

local sum = 0
local x = 0.5
for i = 1, n do
  sum = sum + (i % 7) * 3 - (i % 5)
  x = x * 0.999999 + 1.0
end

print(string.format("iterations %d sum %d x %.6f", n, sum, x))
