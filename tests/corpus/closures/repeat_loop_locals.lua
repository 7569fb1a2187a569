-- a local declared inside a repeat body is fresh each iteration
local fns = {}
local n = 0
repeat
  n = n + 1
  local captured = n * 100
  fns[n] = function() return captured end
until n == 3
print(fns[1](), fns[2](), fns[3]())
