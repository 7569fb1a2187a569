-- table.sort on strings with shared prefixes, embedded bytes and many equal keys
local t = {"b", "a\0b", "a", "ab", "", "a\0a", "B", "aa", "b", "a"}
table.sort(t)
for i, s in ipairs(t) do t[i] = string.format("%q", s) end
print(table.concat(t, " "))
local e = {}
for i = 1, 50 do e[i] = i % 3 end
table.sort(e)
print(table.concat(e))
