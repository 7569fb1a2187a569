-- %.14g formatting of many computed fractions
local out = {}
for i = 1, 40 do out[#out + 1] = tostring(i / 7) end
print(table.concat(out, " "))
out = {}
for i = 1, 30 do out[#out + 1] = tostring(1 / i) end
print(table.concat(out, " "))
out = {}
for i = 1, 20 do out[#out + 1] = tostring(i * 0.1) end
print(table.concat(out, " "))
