-- uncaught arithmetic on a nil field names the field
local t = {}
print("start")
local x = t.count * 2
