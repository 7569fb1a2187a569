-- a coroutine that resumed another is in status "normal"
local outer
local inner = coroutine.create(function()
  print("outer status from inner:", coroutine.status(outer))
end)
outer = coroutine.create(function()
  coroutine.resume(inner)
  print("inner after finishing:", coroutine.status(inner))
end)
coroutine.resume(outer)
print(coroutine.status(outer))
