-- Binary trees: allocation of many short-lived small tables, then a recursive walk.
-- quick: 6
local max_depth = tonumber(arg and arg[1]) or 15
local MIN_DEPTH = 4
if max_depth < MIN_DEPTH + 2 then max_depth = MIN_DEPTH + 2 end

local function build(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { build(depth), build(depth) }
end

local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end

local stretch = max_depth + 1
print(string.format("stretch tree of depth %d\t check: %d", stretch, check(build(stretch))))

local long_lived = build(max_depth)
for depth = MIN_DEPTH, max_depth, 2 do
  local iterations = 2 ^ (max_depth - depth + MIN_DEPTH)
  local total = 0
  for _ = 1, iterations do total = total + check(build(depth)) end
  print(string.format("%d\t trees of depth %d\t check: %d", iterations, depth, total))
end
print(string.format("long lived tree of depth %d\t check: %d", max_depth, check(long_lived)))
