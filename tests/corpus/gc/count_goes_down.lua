-- collecting garbage frees memory held by dropped tables
local function churn()
  local big = {}
  for i = 1, 100000 do big[i] = {i} end
  return collectgarbage("count")
end
local before = collectgarbage("count")
local during = churn()
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print("count went up", during > before)
print("count went down", after < during)
