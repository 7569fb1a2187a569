-- %.14g formatting of powers of two and ten
local out = {}
for i = -20, 20 do out[#out + 1] = tostring(10 ^ i) end
print(table.concat(out, " "))
out = {}
for i = 0, 70, 5 do out[#out + 1] = tostring(2 ^ i) end
print(table.concat(out, " "))
out = {}
for i = 1, 12 do out[#out + 1] = tostring(-(2 ^ -i)) end
print(table.concat(out, " "))
