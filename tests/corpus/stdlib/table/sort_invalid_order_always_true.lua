-- a comparator that always returns true gives 'invalid order function for sorting'
local t = {}
for i = 1, 20 do t[i] = i % 5 end
print(pcall(table.sort, t, function(a, b) return true end))
local u = {1, 1, 1, 1, 1}
print(pcall(table.sort, u, function(a, b) return a <= b end))
