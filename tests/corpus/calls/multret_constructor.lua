-- a call expands in a table constructor only in last position
local function three() return 1, 2, 3 end
local t = {three()}
print(#t)
t = {three(), three()}
print(#t, t[1], t[2], t[4])
t = {three(), "x"}
print(#t, t[2])
t = {a = three(), three()}
print(t.a, #t)
