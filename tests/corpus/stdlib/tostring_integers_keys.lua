-- tostring of float keys that are integers
local t = {}
t[3.0] = "three"
for k, v in pairs(t) do print(k, v, math.floor(k) == k) end
