-- ordinary recursion a few thousand levels deep works
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(1000), depth(10000))
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(5000))
