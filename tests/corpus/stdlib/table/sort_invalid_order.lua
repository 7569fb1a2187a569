-- table.sort with an inconsistent comparator raises LuaJIT's error
print(pcall(table.sort, {1, 2, 3, 4, 5}, function(a, b) return true end))
local t = {}
for i = 1, 20 do t[i] = i % 5 end
print(pcall(table.sort, t, function(a, b) return a <= b end))
