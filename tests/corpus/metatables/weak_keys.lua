-- __mode "k" lets keys be collected
local t = setmetatable({}, {__mode = "k"})
local key1 = {}
t[key1] = "kept"
t[{}] = "lost"
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(n, t[key1])
