-- __newindex as a table redirects assignments of new keys
local store = {}
local t = setmetatable({existing = 1}, {__newindex = store})
t.new = "value"
t.existing = 2
print(rawget(t, "new"), store.new, t.existing, store.existing)
