-- equal strings built in different ways are the same key
local t = {}
local a = string.rep("ab", 100)
local b = ("ab"):rep(50) .. ("ab"):rep(50)
t[a] = "found"
print(t[b], a == b, #a)
local parts = {}
for i = 1, 100 do parts[i] = "ab" end
print(t[table.concat(parts)])
