-- a chain of nested coroutines, each resuming the next
local function make(n)
  return coroutine.create(function()
    if n == 0 then coroutine.yield("bottom") return "done" end
    local co = make(n - 1)
    local _, v = coroutine.resume(co)
    coroutine.yield(v .. "<" .. n)
    local _, w = coroutine.resume(co)
    return w .. ">" .. n
  end)
end
local top = make(50)
local _, a = coroutine.resume(top)
local _, b = coroutine.resume(top)
print(#a, a:sub(1, 20), #b, b:sub(-10))
