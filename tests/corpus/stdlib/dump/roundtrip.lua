-- string.dump output loads back with loadstring and runs like the original
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function add(a, b) return a + b end
local function varg(...) local n = select("#", ...) return n, ... end
local function loops(n)
  local s = 0
  for i = 1, n do s = s + i end
  local t = {10, 20, 30, x = 1}
  for k, v in pairs({5, 6}) do s = s + k * v end
  for _, v in ipairs(t) do s = s + v end
  while s > 1000 do s = s - 1000 end
  repeat s = s + 1 until s % 7 == 0
  return s, t.x, #t
end
local function consts()
  return 1.5, -2, 0, 1e300, -0.25, 2^31, -2^31, 123456789012, "a\0b", true, false, nil
end
for _, f in ipairs({add, varg, loops, consts}) do
  local d = string.dump(f)
  local g = assert(loadstring(d))
  print(#d, hex(d))
  print(g(2, 3, 4))
  print(f(2, 3, 4))
end
local big = function(x) local t = {} for i = 1, 300 do t[i] = i * 1.5 + x end return t[300] end
local d = string.dump(big)
print(#d, loadstring(d)(1))
