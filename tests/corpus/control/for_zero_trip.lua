-- a numeric for whose range is empty runs zero times
local n = 0
for i = 1, 0 do n = n + 1 end
for i = 5, 1 do n = n + 1 end
for i = 1, 5, -1 do n = n + 1 end
for i = 0, -1, 1 do n = n + 1 end
print("iterations", n)
for i = 1, 1 do n = n + 1 end
print("single", n)
