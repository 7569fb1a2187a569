local inc = |x| -> x + 1
local none = || -> 7
local all = |...| -> ...
local sq = x -> x * x
local blk = |a, b| -> do local c = a + b return c end
local up = 3
local add = y -> y + up
print(inc(1), none(), sq(2), blk(1, 2), add(1))
table.sort({}, |a, b| -> a > b)
local nest = x -> y -> x + y
local call = x -> f(x)
