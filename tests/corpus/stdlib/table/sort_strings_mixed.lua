-- table.sort of strings with embedded zeros, prefixes and bytes above 127
local t = {"b", "a\0b", "a", "", "\200", "ab", "a\0a", "B"}
table.sort(t)
for i, s in ipairs(t) do io.write(i, "=", (s:gsub("%z", "\\0")), " ") end
print()
