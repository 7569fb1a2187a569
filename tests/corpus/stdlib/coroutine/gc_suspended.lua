-- suspended coroutines that become unreachable are collected with their locals
local weak = setmetatable({}, {__mode = "k"})
local function make()
  local co = coroutine.create(function() local t = {} weak[t] = true coroutine.yield() end)
  coroutine.resume(co)
end
make()
collectgarbage()
collectgarbage()
print(next(weak) == nil)
