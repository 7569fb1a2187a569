-- runtime errors inside the new constructs name locals, upvalues and fields as LuaJIT does
local f = |x, y| -> x.a.b + y
print(pcall(f, {a = {}}, 1))
local g = x -> x + {}
print(pcall(g, 1))
local up = {}
local h = || -> up.q.r
print(pcall(h))
const k = {}
print(pcall(function() return k.x.y end))
print(pcall(function() local t = {} t.n += 1 end))
print(pcall(function() local t = {n = {}} t.n ..= "x" end))
print(pcall(function() local s s ..= "x" end))
print(pcall(function() local c = true return c ? c.x : 1 end))
print(pcall(function() local n = {} return type(n ?? 1 + n) end))
print(pcall(function() for i = 1, 2 do if i == 2 then continue end local z = i.x end end))
