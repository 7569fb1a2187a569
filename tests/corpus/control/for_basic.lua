-- numeric for with default, positive and negative steps
local function collect(a, b, c)
  local out = {}
  if c then for i = a, b, c do out[#out + 1] = i end
  else for i = a, b do out[#out + 1] = i end end
  return table.concat(out, " ")
end
print(collect(1, 5))
print(collect(1, 10, 3))
print(collect(5, 1, -1))
print(collect(10, 1, -4))
print(collect(-3, 3, 2))
