-- coroutine.running in the main thread and status checks
local main = coroutine.running()
print(main)
local co = coroutine.create(function() return coroutine.running() end)
local ok, r = coroutine.resume(co)
print(ok, r == co, coroutine.status(r))
print(pcall(coroutine.status, nil))
