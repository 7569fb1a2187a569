-- values flow both ways through resume and yield
local co = coroutine.create(function(...)
  local args = {...}
  while true do
    local sum = 0
    for i = 1, #args do sum = sum + args[i] end
    args = {coroutine.yield(sum, #args)}
    if #args == 0 then break end
  end
  return "finished"
end)
print(coroutine.resume(co, 1, 2, 3))
print(coroutine.resume(co, 10, 20))
print(coroutine.resume(co, 5))
print(coroutine.resume(co))
print(coroutine.status(co))
