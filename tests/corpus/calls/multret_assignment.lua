-- multiple assignment adjusts call results to the number of targets
local function three() return 1, 2, 3 end
local a, b, c, d = three()
print(a, b, c, d)
local e, f = three(), 10
print(e, f)
local g, h, i = 5, three()
print(g, h, i)
local j = three()
print(j)
