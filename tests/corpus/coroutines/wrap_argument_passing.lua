-- wrapped coroutines pass many values and nils through
local co = coroutine.wrap(function(...)
  local n = select("#", ...)
  local a, b, c = coroutine.yield(n, ...)
  return a, b, c, select("#", coroutine.yield())
end)
print(co(1, nil, 3, nil))
print(co("a", nil, "c"))
print(co(nil, nil))
