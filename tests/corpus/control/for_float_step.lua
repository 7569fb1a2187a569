-- float steps accumulate in the loop variable
local out = {}
for i = 0, 1, 0.25 do out[#out + 1] = i end
print(table.concat(out, " "))
out = {}
for i = 1, 0, -0.5 do out[#out + 1] = i end
print(table.concat(out, " "))
local count = 0
for i = 0, 1, 0.1 do count = count + 1 end
print(count)
out = {}
for i = 0.5, 3 do out[#out + 1] = i end
print(table.concat(out, " "))
