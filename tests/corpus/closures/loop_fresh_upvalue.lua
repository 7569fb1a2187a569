-- each iteration of a numeric for loop has a fresh loop variable
local fns = {}
for i = 1, 5 do
  fns[i] = function() return i end
end
local out = {}
for i = 1, 5 do out[i] = fns[i]() end
print(table.concat(out, " "))
