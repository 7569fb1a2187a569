-- closures created inside a coroutine keep working after it is dead
local made
local co = coroutine.create(function()
  local count = 0
  made = function() count = count + 1 return count end
  coroutine.yield(made())
  return made()
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co), made(), made())
