-- numeric for loops: negative steps, fractional steps, big bounds, loop variable copies
local function run(a, b, c)
  local n, last = 0, nil
  for i = a, b, c do n = n + 1; last = i end
  return n, last
end
print(run(1, 200, 1))
print(run(200, 1, -1))
print(run(0, 30, 0.25))
print(run(1.5, 100.5, 1))
print(run(2147483600, 2147483647, 1))
print(run(-2147483648, -2147483600, 1))
print(run(1, 100, 3))
print(run(100, 1, -7))
