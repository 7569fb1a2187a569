-- strings referenced from tables survive collection
local t = {}
for i = 1, 100 do t[i] = "str" .. i end
collectgarbage()
collectgarbage()
print(t[1], t[50], t[100], #t)
