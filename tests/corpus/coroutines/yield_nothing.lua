-- yield and resume with no values, and with nils
local co = coroutine.create(function()
  print(select("#", coroutine.yield()))
  print(select("#", coroutine.yield(nil, nil)))
end)
print(select("#", coroutine.resume(co)))
print(select("#", coroutine.resume(co)))
print(select("#", coroutine.resume(co, nil, nil, nil)))
