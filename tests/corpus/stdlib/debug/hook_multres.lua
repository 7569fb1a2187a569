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
-- values a return is about to hand back stay live across a hook before the upvalue close ahead of it
local function closing(...)
  local function keep() end
  return ...
end
debug.sethook(function() local junk = {1, 2, 3, 4, 5, 6, 7, 8} end, "", 1)
local got = {closing(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}
debug.sethook()
print(#got, table.concat(got, ","))
