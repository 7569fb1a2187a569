-- the bit library is preloaded in package.loaded
print(require("bit") == bit, package.loaded.bit == bit)
local names = {}
for k in pairs(bit) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
