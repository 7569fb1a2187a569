-- error values from coroutines keep their type
local co = coroutine.create(function() error(42, 0) end)
print(coroutine.resume(co))
co = coroutine.create(function() error(nil) end)
print(coroutine.resume(co))
co = coroutine.create(function() error("positioned") end)
print(coroutine.resume(co))
