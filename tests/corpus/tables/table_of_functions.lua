-- a dispatch table of functions indexed by strings
local ops = {
  add = function(a, b) return a + b end,
  sub = function(a, b) return a - b end,
  ["mul"] = function(a, b) return a * b end,
}
local names = {"add", "sub", "mul"}
for _, name in ipairs(names) do print(name, ops[name](6, 3)) end
print(ops.div)
