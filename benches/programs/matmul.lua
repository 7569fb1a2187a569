-- Dense matrix multiplication with arrays of arrays of floats.
-- quick: 10
local n = tonumber(arg and arg[1]) or 250

local function matrix(seed)
  local m = {}
  for i = 1, n do
    local row = {}
    for j = 1, n do
      row[j] = ((i * 31 + j * 17 + seed) % 100) / 10.0 - 5.0
    end
    m[i] = row
  end
  return m
end

local function multiply(a, b)
  local c = {}
  for i = 1, n do
    local ai, ci = a[i], {}
    for j = 1, n do
      local s = 0.0
      for k = 1, n do s = s + ai[k] * b[k][j] end
      ci[j] = s
    end
    c[i] = ci
  end
  return c
end

local a, b = matrix(1), matrix(2)
local c = multiply(multiply(a, b), a)
local trace, corner = 0.0, c[n][1]
for i = 1, n do trace = trace + c[i][i] end
print(string.format("size %d trace %.6f corner %.6f", n, trace, corner))
