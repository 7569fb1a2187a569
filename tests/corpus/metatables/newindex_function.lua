-- __newindex as a function intercepts assignments of new keys
local log = {}
local t = setmetatable({}, {__newindex = function(tbl, k, v)
  log[#log + 1] = k .. "=" .. tostring(v)
  rawset(tbl, k, v)
end})
t.a = 1
t.b = 2
t.a = 3
print(table.concat(log, " "), t.a, t.b)
