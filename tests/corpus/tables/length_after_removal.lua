-- # after removing the last elements of a sequence
local t = {1, 2, 3, 4, 5}
t[5] = nil
print(#t)
t[4] = nil
t[3] = nil
print(#t)
for i = 1, 2 do t[i] = nil end
print(#t)
