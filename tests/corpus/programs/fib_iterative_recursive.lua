-- Fibonacci three ways agree
local function rec(n) if n < 2 then return n end return rec(n - 1) + rec(n - 2) end
local function iter(n) local a, b = 0, 1 for _ = 1, n do a, b = b, a + b end return a end
local co = coroutine.wrap(function() local a, b = 0, 1 while true do coroutine.yield(a) a, b = b, a + b end end)
local gen = {}
for i = 0, 25 do gen[i] = co() end
print(rec(25), iter(25), gen[25])
print(iter(78), iter(90))
