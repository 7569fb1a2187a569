-- t.name and t["name"] are the same field
local t = {}
t.field = 1
print(t["field"])
t["other"] = 2
print(t.other)
local key = "field"
print(t[key])
t.f = function() return "called" end
print(t.f(), t["f"]())
