-- each iteration of a generic for loop has fresh variables
local fns = {}
for i, v in ipairs({"a", "b", "c"}) do
  fns[#fns + 1] = function() return i .. v end
end
print(fns[1](), fns[2](), fns[3]())
