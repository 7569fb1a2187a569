-- LuaJIT can yield across pcall
local co = coroutine.create(function()
  local ok, v = pcall(function()
    local got = coroutine.yield("from inside pcall")
    return got * 2
  end)
  coroutine.yield(ok, v)
  local ok2, err = pcall(function()
    coroutine.yield("again")
    error("after yield")
  end)
  return ok2, err
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 21))
print(coroutine.resume(co))
print(coroutine.resume(co))
