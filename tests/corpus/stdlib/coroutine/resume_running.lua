-- a coroutine resuming itself or its resumer gets an error result
local co
co = coroutine.create(function()
  print(coroutine.resume(co))
  return "ok"
end)
print(coroutine.resume(co))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.resume(outer) end)
  print(coroutine.resume(inner))
end)
coroutine.resume(outer)
