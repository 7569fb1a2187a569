-- a table constructor with a thousand mixed constant and computed entries
local p = {}
for i = 1, 1000 do p[i] = (i % 3 == 0) and ("n * " .. i) or tostring(i) end
local t = loadstring("local n = 2 return {" .. table.concat(p, ",") .. "}")()
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print(#t, t[3], t[999], t[1000], sum)
p = {}
for i = 1, 300 do p[i] = "k" .. i .. " = " .. i end
local h = loadstring("return {" .. table.concat(p, ",") .. "}")()
print(h.k1, h.k150, h.k300)
