-- yielding from a table.sort comparator is not allowed
local co = coroutine.create(function()
  table.sort({3, 1, 2}, function(a, b) coroutine.yield() return a < b end)
end)
local ok, err = coroutine.resume(co)
print(ok, err)
