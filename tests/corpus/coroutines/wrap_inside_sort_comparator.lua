-- a coroutine resumed from inside a sort comparator may yield to it
local gen = coroutine.wrap(function() while true do coroutine.yield(true) end end)
local calls = 0
local t = {5, 3, 4, 1, 2}
table.sort(t, function(a, b) calls = calls + 1 gen() return a < b end)
print(table.concat(t, " "), calls > 0)
