-- pcall and coroutines pass on hundreds of results
local t = {}
for i = 1, 300 do t[i] = i end
local r = {pcall(unpack, t)}
print(#r, r[1], r[301])
local co = coroutine.wrap(function(...) coroutine.yield(...) return select("#", ...) end)
print(select("#", co(unpack(t))), co())
