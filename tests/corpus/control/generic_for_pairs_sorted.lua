-- pairs visits every key; sorted here for a stable order
local t = {x = 1, y = 2, z = 3, 10, 20}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
local count = 0
for _ in pairs({}) do count = count + 1 end
print(count)
