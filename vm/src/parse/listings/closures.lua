local a = 1
local function f(x, ...)
  local y = x + a
  return function() a = y; return x end, ...
end
function g.h:m(p) return self, p end
function q() end
do local z = 1; local function w() return z end end
for i = 1, 3 do local j = i; h(function() return j end) end
while true do local k; h(function() return k end); if k then break end end
local function outer()
  local u1, u2 = 1, 2
  return function()
    return function() u1 = u2; a = 3 end
  end
end
local function early(x)
  if x then return 1 end
  local c = 5
  local fn = function() return c end
  return fn
end
local function rec() return rec() end
return f
