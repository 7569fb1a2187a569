-- count and line hooks together: the count event comes first on the same instruction
local out = {}
debug.sethook(function(e, l) out[#out + 1] = e .. ":" .. tostring(l) end, "l", 2)
local a = 1
local b = a + 1
local c = b * a
debug.sethook()
print(table.concat(out, " "))
