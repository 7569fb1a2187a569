-- values passed through yield and resume in both directions, including nils
local co = coroutine.create(function(...)
  print("start", select('#', ...), ...)
  local a, b, c = coroutine.yield(nil, 2, nil)
  print("got", a, b, c)
  local n = select('#', coroutine.yield())
  print("count", n)
  return nil, nil
end)
print(coroutine.resume(co, 1, nil))
print(coroutine.resume(co, "x", nil, "z"))
print(coroutine.resume(co, nil, nil, nil))
print(coroutine.resume(co))
