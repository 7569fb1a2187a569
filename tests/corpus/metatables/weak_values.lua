-- __mode "v" lets values be collected
local cache = setmetatable({}, {__mode = "v"})
cache.kept = {}
local strong = cache.kept
cache.lost = {}
cache.str = "strings stay"
cache.num = 5
collectgarbage()
collectgarbage()
print(cache.kept == strong, cache.lost, cache.str, cache.num)
