-- debug.traceback message handling: nil and non-string messages are returned as they are when given
local function f()
  print(debug.traceback(nil))
  print(debug.traceback(nil, 1))
  local t = {}
  print(debug.traceback(t) == t)
  print(debug.traceback(12, 3))
  print(debug.traceback("level 2", 2))
  print(debug.traceback("level 0", 0))
  print(select("#", debug.traceback(nil)))
  print(debug.traceback(true))
  print((debug.traceback("neg", -1)))
end
local co = coroutine.wrap(f)
co()
