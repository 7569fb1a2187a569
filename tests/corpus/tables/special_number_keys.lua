-- infinities, huge and tiny numbers as table keys
local t = {}
t[math.huge] = "inf"
t[-math.huge] = "-inf"
t[1e300] = "big"
t[5e-324] = "tiny"
t[2^63] = "2^63"
print(t[1/0], t[-1/0], t[1e300], t[5e-324], t[2^63])
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
