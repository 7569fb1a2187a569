-- setfenv(0, t) changes the running coroutine's environment only
local a = {print = print, getfenv = getfenv, loadstring = loadstring, coroutine = coroutine, select = select}
local co = coroutine.wrap(function()
  setfenv(0, a)
  coroutine.yield(getfenv(0) == a)
  local f = loadstring("return 1")
  print(getfenv(f) == a, getfenv(1) == _G)
  local inner = coroutine.create(function() return getfenv(0) end)
  print(select(2, coroutine.resume(inner)) == a)
  return "done"
end)
print(co())
print(getfenv(0) == _G, getfenv(loadstring("")) == _G)
print(co())
print(getfenv(0) == _G)
