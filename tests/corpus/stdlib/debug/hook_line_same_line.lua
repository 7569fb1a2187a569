-- line hook: statements sharing a line fire once; returning from a Lua call fires the line again, a C call does not
local lines = {}
local function id(x) return x end
debug.sethook(function(_, line) lines[#lines + 1] = line end, "l")
local a = 1 local b = 2 local c = a + b
local d = id(1) + id(2)
local e = tostring(1) .. tostring(2)
local f = math.max(1, 2) + #tostring(a)
debug.sethook()
print(table.concat(lines, " "))
