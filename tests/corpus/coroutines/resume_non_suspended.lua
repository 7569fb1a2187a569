-- resuming a coroutine that is running or normal fails
local outer
local inner = coroutine.create(function() return coroutine.resume(outer) end)
outer = coroutine.create(function() return coroutine.resume(inner) end)
print(coroutine.resume(outer))
print(coroutine.status(outer), coroutine.status(inner))
