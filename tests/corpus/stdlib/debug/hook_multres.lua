-- hooks between an instruction leaving several results and the one using them keep those results
local function three() return 1, 2, 3 end
local function va(...) return select("#", ...), ... end
debug.sethook(function(e, l) local t = {} for i = 1, 5 do t[i] = i end end, "crl", 1)
local packed = {three()}
local n = select("#", three())
local vn, x, y, z = va(three())
local ok = {pcall(three)}
print(#packed, n, vn, x, y, z, #ok, ok[1], ok[4])
debug.sethook()
