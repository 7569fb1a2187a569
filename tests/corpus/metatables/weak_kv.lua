-- __mode "kv" makes both keys and values weak
local t = setmetatable({}, {__mode = "kv"})
local k, v = {}, {}
t[k] = {}
t[{}] = v
t.strong = k
t[1] = "string value"
collectgarbage()
print(t[k], t.strong == k, t[1])
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
