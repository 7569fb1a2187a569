-- a function can use close to 200 locals
local src = {}
for i = 1, 199 do src[#src + 1] = "local v" .. i .. " = " .. i end
src[#src + 1] = "return v1 + v100 + v199"
print(loadstring(table.concat(src, "\n"))())
