-- Mandelbrot set on an n-by-n grid: tight floating-point loops. Prints how many points
-- stay bounded and a position checksum instead of the bitmap.
-- quick: 32
local n = tonumber(arg and arg[1]) or 1400
local MAX_ITER = 50

local inside, checksum = 0, 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  for x = 0, n - 1 do
    local cr = 2.0 * x / n - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local bounded = true
    for _ = 1, MAX_ITER do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4.0 then bounded = false break end
    end
    if bounded then
      inside = inside + 1
      checksum = (checksum + x * 7 + y * 13) % 1000000007
    end
  end
end

print(string.format("size %d inside %d checksum %d", n, inside, checksum))
