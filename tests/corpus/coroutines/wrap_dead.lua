-- calling a finished wrapped coroutine fails
local f = coroutine.wrap(function() return "only once" end)
print(f())
print(pcall(f))
