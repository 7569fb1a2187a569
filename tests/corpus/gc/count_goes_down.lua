-- collecting garbage frees memory held by dropped tables
local before = collectgarbage("count")
local big = {}
for i = 1, 100000 do big[i] = {i} end
local during = collectgarbage("count")
big = nil
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print("count went up", during > before)
print("count went down", after < during)
