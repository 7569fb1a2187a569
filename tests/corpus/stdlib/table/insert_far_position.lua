-- table.insert at a position far below the border: every element from there moves up one slot
local u = {[-5] = "neg", [-100000] = "old", 1, 2}
table.insert(u, -100000, "far")
print(u[-4], u[-5], u[1], u[2], u[3], u[-100000], u[-99999])
local n = 0 for k in pairs(u) do n = n + 1 end print(n)
local w = {1, 2}
table.insert(w, -10, "near")
print(w[-10], w[-9], w[1], w[2], w[3], #w)
