-- a coroutine that died of an error keeps its stack: traceback and getinfo show where it failed
local co = coroutine.create(function(n)
  local function f(k)
    if k == 0 then error("deep failure") end
    f(k - 1)
  end
  f(n)
end)
local ok, err = coroutine.resume(co, 2)
print(ok, err, coroutine.status(co))
print(debug.traceback(co, err))
local info = debug.getinfo(co, 1, "Sl")
print(info.what, info.currentline)
print(debug.getlocal(co, 1, 1))
print(coroutine.resume(co))
local co2 = coroutine.create(function() local x = nil; return x.field end)
print(coroutine.resume(co2))
print(debug.traceback(co2))
