-- a hot loop calls a function whose own loop is already a trace: the caller's trace links to it from an inlined frame; then the callee's values change type
local function inner(t, n, scale)
  local s = 0
  for i = 1, n do s = s + t[i] * scale end
  return s
end

local t = {}
for i = 1, 8 do t[i] = i end
-- make inner's loop hot first, so it has a trace of its own
for _ = 1, 100 do inner(t, 8, 1) end

local total = 0
for k = 1, 300 do
  total = total + inner(t, 8, k % 3)
  if k == 200 then t[5] = 0.5 end
end
print(total)

-- the callee's loop sees a string where it traced numbers: the error names the right variable
local ok, err = pcall(function()
  for k = 1, 300 do
    if k == 250 then t[3] = "x" .. k end
    total = total + inner(t, 8, 2)
  end
end)
print(ok, err, total)

-- deeper: two inlined frames before the linked loop
local function middle(n) return inner(t, n, 1) + 1 end
t[3] = 3
local acc = 0
for k = 1, 300 do acc = acc + middle(1 + k % 8) end
print(acc)
