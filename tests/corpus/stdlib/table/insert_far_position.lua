-- table.insert at a position past 32 bits (it becomes -2^31): every element moves up one slot
local t = {1, 2, 3}
table.insert(t, 2^32 + 1, "x")
print(t[1], t[2], t[3], t[4], #t, t[-2^31])
local n = 0 for k in pairs(t) do n = n + 1 end print(n)
local u = {[-5] = "neg", 1, 2}
table.insert(u, -100000, "far")
print(u[-4], u[-5], u[1], u[2], u[3], u[-100000])
