-- coroutine.create with bad arguments, and with native functions
print(pcall(coroutine.create))
print(pcall(coroutine.create, 1))
print(pcall(coroutine.create, {}))
local co = coroutine.create(print)
print(coroutine.resume(co, "native body", 1))
print(coroutine.status(co))
local m = coroutine.create(math.max)
print(coroutine.resume(m, 3, 9, 4))
