-- table.sort with the default order and with a comparator
local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local words = {"banana", "apple", "cherry"}
table.sort(words)
print(table.concat(words, " "))
local recs = {{n = 3}, {n = 1}, {n = 2}}
table.sort(recs, function(a, b) return a.n < b.n end)
print(recs[1].n, recs[2].n, recs[3].n)
print(pcall(table.sort, {1, "x", 2}))
