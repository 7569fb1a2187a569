-- coroutine.running inside and outside a coroutine
print(coroutine.running())
local co
co = coroutine.create(function()
  local r = coroutine.running()
  print(r == co, type(r))
  print(coroutine.status(co))
end)
coroutine.resume(co)
