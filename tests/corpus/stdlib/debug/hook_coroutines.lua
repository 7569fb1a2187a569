-- one hook for all coroutines: events from the main thread and coroutines, set from either
local log = {}
local function hook(e, l)
  local co = coroutine.running()
  log[#log + 1] = e .. ":" .. tostring(l) .. (co and ":co" or ":main")
end
local co = coroutine.create(function(a)
  local b = a + 1
  local c = coroutine.yield(b)
  local d = c * 2
  return d
end)
debug.sethook(hook, "crl")
local ok, v = coroutine.resume(co, 1)
local ok2, v2 = coroutine.resume(co, 5)
debug.sethook()
print(ok, v, ok2, v2)
print(table.concat(log, " "))
log = {}
local co2 = coroutine.wrap(function()
  debug.sethook(hook, "l")
  local x = 1
  coroutine.yield()
  local y = 2
end)
co2()
local z = 3
co2()
debug.sethook()
print(table.concat(log, " "))
log = {}
local co3 = coroutine.create(function() local q = 1 end)
debug.sethook(co3, hook, "l")
local r = 1
coroutine.resume(co3)
debug.sethook(co3)
print(table.concat(log, " "))
print(debug.gethook())
