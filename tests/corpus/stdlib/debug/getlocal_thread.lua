-- getlocal and setlocal on a suspended coroutine's levels
local co = coroutine.create(function(a, b)
  local x = a + b
  local y = coroutine.yield(x)
  return y + x
end)
coroutine.resume(co, 1, 2)
for i = 1, 5 do print(i, debug.getlocal(co, 1, i)) end
print(debug.getlocal(co, 0, 1))
print(debug.setlocal(co, 1, 3, 99))
print(debug.getlocal(co, 1, 3))
print(debug.setlocal(co, 1, 9, 1))
print(pcall(debug.getlocal, co, 5, 1))
print(pcall(debug.setlocal, co, 5, 1, 1))
print(pcall(debug.setlocal, co, 1, 1))
print(coroutine.resume(co, 1))
