-- a yield inside __lt used as the fallback for <=
local mt = {__lt = function(a, b) return coroutine.yield("lt called") end}
local co = coroutine.wrap(function()
  local a, b = setmetatable({}, mt), setmetatable({}, mt)
  return a <= b, a < b
end)
print(co())
print(co(true))
print(co(false))
