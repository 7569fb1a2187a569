-- unpack of very many values fails cleanly
local ok, err = pcall(unpack, {}, 1, 1e7)
print(ok, err)
local t = {}
for i = 1, 5000 do t[i] = i end
print(select("#", unpack(t)))
print(pcall(unpack, {}, 1, -1))
print(select("#", unpack({}, 1, 0)))
