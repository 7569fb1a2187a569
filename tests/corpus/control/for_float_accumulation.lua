-- a float-step loop computes each value by repeated addition
local out = {}
for x = 0.1, 0.5, 0.1 do out[#out + 1] = string.format("%.17g", x) end
print(table.concat(out, " "))
local n = 0
for x = 1, 2, 0.3 do n = n + 1 end
print(n)
for x = 1, 1e308, 1e308 do out[#out + 1] = x end
print(out[#out])
