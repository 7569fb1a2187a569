-- many inserts at the front and removes from the middle keep order
local t = {}
for i = 1, 10 do table.insert(t, 1, i) end
print(table.concat(t, " "))
for i = 1, 4 do table.remove(t, 3) end
print(table.concat(t, " "), #t)
table.insert(t, #t + 1, "last")
print(t[#t], table.remove(t), table.remove(t, 1), #t)
