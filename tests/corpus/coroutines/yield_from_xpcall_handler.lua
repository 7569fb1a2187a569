-- yielding from inside an xpcall message handler
local co = coroutine.create(function()
  return xpcall(function() error("E", 0) end, function(e) return coroutine.yield("handler " .. e) end)
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "resumed"))
