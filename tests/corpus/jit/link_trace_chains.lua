-- Chains of traces entered from each other in machine code: side traces of side traces, an inner loop's exit linking to the outer loop's trace, and a trace ending at another trace's start, with the loop bounds and value types changing between rounds.
local function run(n, step, scale)
  local a, b, c = 0, 0, 0
  for i = 1, n do
    local m = i % 6
    if m == 0 then
      a = a + scale
    elseif m == 1 then
      b = b + 1
      if i % 12 == 1 then c = c - step end
    elseif m == 2 then
      c = c + step
    else
      a = a - 1
    end
    for j = 1, 3 do b = b + j * step end
  end
  return a, b, c
end
print(run(5000, 1, 2))
print(run(5000, 0.25, 3))
print(run(3000, 2, 0.5))
local t, k = {}, 0
for i = 1, 4000 do
  k = k + 1
  while k > 7 do k = k - 7 end
  t[k] = (t[k] or 0) + i
end
print(t[1], t[2], t[3], t[4], t[5], t[6], t[7])
