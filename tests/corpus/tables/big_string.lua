-- big strings built with string.rep and concatenation
local s = string.rep("ab", 500000)
print(#s, s:sub(1, 6), s:sub(-4))
local t = {}
for i = 1, 1000 do t[i] = "x" end
local joined = table.concat(t)
print(#joined, #(joined .. joined))
