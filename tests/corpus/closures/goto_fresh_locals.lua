-- a goto loop creates a fresh local on each pass
local fns = {}
local i = 1
::top::
local v = i
fns[i] = function() return v end
i = i + 1
if i <= 3 then goto top end
print(fns[1](), fns[2](), fns[3]())
