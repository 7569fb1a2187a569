-- a wrapped coroutine used as a generic for iterator with two variables
local function enumerate(t)
  return coroutine.wrap(function()
    for i = 1, #t do coroutine.yield(i, t[i]) end
  end)
end
for i, v in enumerate({"x", "y", "z"}) do print(i, v) end
