-- Traces that jump to another trace from inside inlined calls, chained seven calls deep (more than one run of linked code notes before handing back to Rust), with values that change type halfway.
local function f7(x) local s = 0 for j = 1, 3 do s = s + x * j end return s end
local function f6(x) local s = 0 for j = 1, 3 do if j > 1 then s = s + f7(x + j) end end return s end
local function f5(x) local s = 0 for j = 1, 3 do if j > 1 then s = s + f6(x - j) end end return s end
local function f4(x) local s = 0 for j = 1, 3 do if j > 1 then s = s + f5(x + j) end end return s end
local function f3(x) local s = 0 for j = 1, 3 do if j > 1 then s = s + f4(x * 2) end end return s end
local function f2(x) local s = 0 for j = 1, 3 do if j > 1 then s = s + f3(x + 1) end end return s end
local function f1(x) local s = 0 for j = 1, 3 do if j > 1 then s = s + f2(x - 1) end end return s end
local total = 0
for i = 1, 300 do
  local x = i
  if i > 150 then x = i + 0.5 end
  total = total + f1(x)
end
print(total)
local parts = {}
for i = 1, 200 do
  parts[#parts + 1] = f3(i % 7) + f6(i)
end
print(#parts, parts[1], parts[100], parts[200])
