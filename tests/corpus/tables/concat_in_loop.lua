-- building strings with a table and table.concat
local parts = {}
for i = 1, 10 do parts[#parts + 1] = i * i end
print(table.concat(parts, "+"))
local s = ""
for i = 1, 5 do s = s .. i end
print(s, #s)
