-- yield from the main thread or across a C boundary fails
print(pcall(coroutine.yield, 1))
local co = coroutine.create(function()
  local ok, e = pcall(function() return table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)
  print(ok, e)
  return "finished"
end)
print(coroutine.resume(co))
