-- table.remove: last element, positions, out-of-range positions return nothing
local t = {1, 2, 3, 4, 5}
print(table.remove(t), #t)
print(table.remove(t, 1), #t, t[1], t[4])
print(table.remove(t, 2), #t, t[1], t[2])
print(select("#", table.remove(t, 0)), select("#", table.remove(t, 9)), #t)
print(select("#", table.remove({})), select("#", table.remove({}, 1)), select("#", table.remove({}, 0)))
print(table.remove({1, 2}, "1"), table.remove({10, 20, 30}, 1.5), table.remove({10, 20, 30}, 2.9))
local u = {10, 20, 30}
table.remove(u, 1.5)
print(u[1], u[2], u[3])
local p = setmetatable({}, {__index = function() return "idx" end})
p[1] = "a"
print(table.remove(p, 1), rawget(p, 1))
