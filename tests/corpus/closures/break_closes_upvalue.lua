-- leaving a loop with break still keeps the captured values
local fns = {}
for i = 1, 10 do
  local sq = i * i
  fns[#fns + 1] = function() return sq end
  if i == 3 then break end
end
print(#fns, fns[1](), fns[2](), fns[3]())
