-- table.sort makes the same comparisons in the same order as LuaJIT
local log = {}
local t = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}
table.sort(t, function(a, b) log[#log + 1] = a .. "<" .. b; return a < b end)
print(table.concat(t, " "))
print(#log, table.concat(log, " "))
