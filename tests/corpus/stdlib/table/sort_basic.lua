-- table.sort with the default order and with comparators
local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t) print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end) print(table.concat(t, " "))
local s = {"pear", "apple", "fig", "banana", "cherry"}
table.sort(s) print(table.concat(s, " "))
table.sort(s, function(a, b) return #a < #b end) print(s[1], s[5])
local one, empty = {1}, {}
table.sort(one) table.sort(empty) print(one[1], #empty)
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 211 end
table.sort(big)
local ok = true
for i = 2, 200 do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[200])
