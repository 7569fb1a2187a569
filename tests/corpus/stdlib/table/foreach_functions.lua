-- table.foreachi and table.foreach: stop on a non-nil result, raw access
local t = {10, 20, 30, nil, 50}
table.foreachi({"a", "b", "c"}, print)
print(table.foreachi({5, 6, 7}, function(i, v) if v == 6 then return "found " .. i end end))
local n = 0
print(table.foreach({x = 1, y = 2, z = 3}, function(k, v) n = n + v end), n)
print(table.foreach({x = 1}, function(k, v) return k, v end))
local p = setmetatable({1, 2}, {__index = function() return "idx" end})
table.foreachi(p, print)
local grow = {1, 2, 3}
table.foreachi(grow, function(i, v) grow[#grow + 1] = v end)
print(#grow)
