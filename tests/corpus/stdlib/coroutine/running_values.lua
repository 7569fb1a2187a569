-- coroutine.running in the main thread and inside coroutines
print(coroutine.running())
local co
co = coroutine.create(function()
  print(coroutine.running() == co, type(coroutine.running()))
end)
coroutine.resume(co)
local w = coroutine.wrap(function() return type(coroutine.running()) end)
print(w())
