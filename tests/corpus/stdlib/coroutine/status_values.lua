-- coroutine.status through suspended, running, normal and dead, and its argument errors
local main_co
local co
co = coroutine.create(function()
  print("inside", coroutine.status(co))
  local inner = coroutine.create(function() print("outer seen from inner", coroutine.status(co)) end)
  coroutine.resume(inner)
  coroutine.yield()
end)
print(coroutine.status(co))
coroutine.resume(co)
print(coroutine.status(co))
coroutine.resume(co)
print(coroutine.status(co))
print(pcall(coroutine.status, nil))
print(pcall(coroutine.status, print))
