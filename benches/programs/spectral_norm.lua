-- Spectral norm of an infinite matrix: nested loops, floating-point division.
-- quick: 20
local n = tonumber(arg and arg[1]) or 800

local function a(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function times(out, v)
  for i = 1, n do
    local s = 0
    for j = 1, n do s = s + a(i, j) * v[j] end
    out[i] = s
  end
end

local function times_transposed(out, v)
  for i = 1, n do
    local s = 0
    for j = 1, n do s = s + a(j, i) * v[j] end
    out[i] = s
  end
end

local function times_ata(out, v, scratch)
  times(scratch, v)
  times_transposed(out, scratch)
end

local u, v, scratch = {}, {}, {}
for i = 1, n do u[i] = 1 end
for _ = 1, 10 do
  times_ata(v, u, scratch)
  times_ata(u, v, scratch)
end
local vbv, vv = 0, 0
for i = 1, n do
  local ui, vi = u[i], v[i]
  vbv = vbv + ui * vi
  vv = vv + vi * vi
end
print(string.format("%0.9f", math.sqrt(vbv / vv)))
