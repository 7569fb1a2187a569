-- a function may have at most 200 local variables
local parts = {}
for i = 1, 201 do parts[#parts + 1] = "local v" .. i .. " = " .. i end
print(loadstring(table.concat(parts, "\n")))
parts[201] = nil
print(loadstring(table.concat(parts, "\n")) ~= nil)
