-- side traces awaited until the outer loops have root traces that only lead on to the inner loop's trace: later side traces go through those traces' starts to the inner loop, also when a slot's type changes on the way
jit.opt.start("hotexit=100")
local s = 0
for outer = 1, 3000 do
  local k = outer % 3 + 1
  while k ~= 0 do
    local lo, hi = 0, 3
    while lo < hi do lo = lo + 1; s = s + lo end
    k = k - 1
  end
end
print(s)

local t, step = 0, 1
for outer = 1, 3000 do
  if outer == 2500 then step = 0.5 end
  local k = outer % 4 + 1
  while k > 0 do
    local lo = 0
    repeat lo = lo + step; t = t + lo until lo >= 2
    k = k - 1
  end
end
print(t)
