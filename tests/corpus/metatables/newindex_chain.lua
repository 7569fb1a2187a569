-- __newindex tables chain through their own metatables
local final = {}
local mid = setmetatable({}, {__newindex = final})
local t = setmetatable({}, {__newindex = mid})
t.x = 1
print(rawget(t, "x"), rawget(mid, "x"), final.x)
