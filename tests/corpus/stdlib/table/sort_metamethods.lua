-- table.sort uses __lt for tables without a comparator
local mt = {__lt = function(a, b) return a.v < b.v end}
local t = {}
for i, v in ipairs({4, 2, 5, 1, 3}) do t[i] = setmetatable({v = v}, mt) end
table.sort(t)
for i = 1, 5 do io.write(t[i].v, " ") end
print()
