-- table.clear empties a table in place, keeping it usable and its metatable
local tc = require("table.clear")
local mt = {__index = function(t, k) return "dflt" end}
local t = setmetatable({1, 2, 3, a = 1, b = 2}, mt)
local same = t
tc(t)
print(#t, rawget(t, 1), rawget(t, "a"), next(t), t.zzz, same == t)
t[1] = "again" t.k = "v"
print(#t, t[1], t.k)
print(pcall(tc))
print(pcall(tc, "x"))
