-- __index runs only for absent keys, including keys set to nil
local hits = 0
local t = setmetatable({a = 1}, {__index = function() hits = hits + 1 return "meta" end})
print(t.a, hits)
t.a = nil
print(t.a, hits)
t.a = false
print(t.a, hits)
