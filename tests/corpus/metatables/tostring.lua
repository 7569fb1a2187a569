-- __tostring is used by tostring and print
local t = setmetatable({}, {__tostring = function(self) return "custom!" end})
print(t, tostring(t))
local n = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(tostring, n))
local bad = setmetatable({}, {__tostring = function() return {} end})
local ok, r = pcall(tostring, bad)
print(ok, type(r))
local self_seen
local s = setmetatable({}, {__tostring = function(self) self_seen = self return "s" end})
tostring(s)
print(self_seen == s)
