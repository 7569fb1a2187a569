-- calls whose results all pass on (CALLM, RETM): a builtin's or an inlined function's results as the last arguments, and returned after other values; then their types change
local function two(x) return x, x * 2 end
local function none() end
local function three(x) return x, "m", x + 1 end
local function sum3(a, b, c) return (a or 0) + (b or 0) + (c or 0) end
local function shape(a, b, c) return (a and 1 or 0) + (b and 2 or 0) + (c and 4 or 0) end
local function pass(x) return x, two(x) end
local function pass_none(x) return x, none() end

local s, n = 0, 0
for i = 1, 300 do
  s = s + sum3(two(i)) + sum3(1, two(i))
  n = n + shape(two(i)) + shape(none()) + shape(1, none()) + shape(three(i))
  local a, b, c = pass(i)
  local d, e = pass_none(i)
  s = s + a + b + c + d + (e or 0)
  n = n + shape(string.byte("xyz", i % 4)) + shape(1, string.sub("abc", i % 3))
end
print(s, n)

-- the values change type after the trace is compiled
local function mixed(i) if i > 250 then return "s", i end return i, i end
local function first_type(a, b) return type(a) end
local nums, strs = 0, 0
for i = 1, 300 do
  if first_type(mixed(i)) == "number" then nums = nums + 1 else strs = strs + 1 end
end
print(nums, strs)

-- through a vararg function (not compiled), the counts still agree
local function count(...) return select("#", ...) end
local c = 0
for i = 1, 200 do c = c + count(two(i)) + count(none()) + count(string.byte("ab", 1, i % 3)) end
print(c)
