-- any non-nil value can be a key
local t = {}
local f = function() end
local k = {}
t[true] = "yes"
t[false] = "no"
t[f] = "function"
t[k] = "table"
print(t[true], t[false], t[f], t[k], t[{}])
