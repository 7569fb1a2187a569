-- a weak-valued cache loses entries nobody else holds
local cache = setmetatable({}, {__mode = "v"})
local function get(key)
  local v = cache[key]
  if not v then v = {key = key} cache[key] = v end
  return v
end
local held = get("held")
get("dropped")
collectgarbage()
collectgarbage()
print(cache.held == held, cache.dropped)
