-- nested tables and chained indexing
local t = {a = {b = {c = {d = "deep"}}}, list = {{1, 2}, {3, 4}}}
print(t.a.b.c.d, t["a"]["b"].c["d"])
print(t.list[2][1], #t.list, #t.list[1])
t.a.b.new = "added"
print(t.a.b.new)
local grid = {}
for i = 1, 3 do grid[i] = {} for j = 1, 3 do grid[i][j] = i * j end end
print(grid[2][3], grid[3][3])
