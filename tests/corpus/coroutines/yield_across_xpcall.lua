-- yield across xpcall, and the handler sees errors raised after a yield
local co = coroutine.wrap(function()
  local r = {xpcall(function()
    local v = coroutine.yield("in xpcall")
    error("failed with " .. v, 0)
  end, function(e) return "handled: " .. e end)}
  return unpack(r)
end)
print(co())
print(co("value"))
