-- __index as a function receives the table and the key
local t = setmetatable({}, {__index = function(tbl, key) return key .. "!" end})
print(t.hello, t[1], t.x)
local calls = 0
local u = setmetatable({present = 1}, {__index = function(_, k) calls = calls + 1 return nil end})
print(u.present, u.absent, calls)
