-- without __le, a <= b falls back to not (b < a)
local lt_calls = 0
local mt = {__lt = function(a, b) lt_calls = lt_calls + 1 return a.v < b.v end}
local function V(v) return setmetatable({v = v}, mt) end
print(V(1) <= V(2), V(2) <= V(1), V(1) <= V(1), lt_calls)
print(V(3) >= V(2), lt_calls)
