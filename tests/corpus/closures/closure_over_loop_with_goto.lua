-- closures capturing a local declared before a backward goto
local fns = {}
do
  local n = 0
  ::again::
  local captured = n
  fns[#fns + 1] = function() captured = captured + 100 return captured end
  n = n + 1
  if n < 3 then goto again end
end
print(fns[1](), fns[1](), fns[2](), fns[3]())
