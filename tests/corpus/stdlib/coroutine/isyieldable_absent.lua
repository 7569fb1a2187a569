-- coroutine library contents as LuaJIT 2.1 has them
local names = {}
for k in pairs(coroutine) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
