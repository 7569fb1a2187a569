-- a string constant holding every byte value survives compilation
local parts = {}
for i = 0, 255 do parts[#parts + 1] = string.format("\\%d", i) end
local s = loadstring("return \"" .. table.concat(parts) .. "\"")()
local ok = #s == 256
for i = 0, 255 do if s:byte(i + 1) ~= i then ok = false end end
print(#s, ok)
local t = {[s] = "all bytes"}
print(t[s], t[s:sub(1, 255)])
