-- a closure in a repeat body sees the local used by until
local fns = {}
local i = 0
repeat
  i = i + 1
  local stop = i >= 3
  fns[i] = function() return stop end
until stop
print(fns[1](), fns[2](), fns[3]())
