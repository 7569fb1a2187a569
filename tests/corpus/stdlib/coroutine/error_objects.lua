-- error values of any type cross resume unchanged; a coroutine's error keeps its position
local t = {}
local co = coroutine.create(function() error(t) end)
local ok, e = coroutine.resume(co)
print(ok, e == t)
print(coroutine.resume(coroutine.create(function() error(nil) end)))
print(coroutine.resume(coroutine.create(function() error(12) end)))
print(coroutine.resume(coroutine.create(function() local x = {} return x.a.b end)))
print(coroutine.resume(coroutine.create(function() error("lvl2", 2) end)))
