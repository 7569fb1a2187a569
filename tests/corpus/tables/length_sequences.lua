-- # of proper sequences
print(#{}, #{1}, #{1, 2, 3}, #{"a", "b"})
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t + 1] = 101
print(#t)
t[#t] = nil
print(#t)
local s = {n = 1, 1, 2}
print(#s)
