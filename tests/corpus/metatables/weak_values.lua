-- __mode "v" lets values be collected
local cache = setmetatable({}, {__mode = "v"})
local strong = {}
local function fill()
  cache.kept = strong
  cache.lost = {}
  cache.str = "strings stay"
  cache.num = 5
end
fill()
collectgarbage()
collectgarbage()
print(cache.kept == strong, cache.lost, cache.str, cache.num)
