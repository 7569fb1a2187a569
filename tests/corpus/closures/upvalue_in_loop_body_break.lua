-- a closure captured in a while loop that exits with break keeps its value
local fns = {}
local i = 0
while true do
  i = i + 1
  local v = i * 3
  fns[i] = function() return v end
  if i == 4 then break end
end
print(fns[1](), fns[2](), fns[3](), fns[4]())
