-- os.exit(code, true) from a coroutine with its own environment: finalizers run on the main thread with the globals
local u = newproxy(true)
getmetatable(u).__gc = function() print("finalizer sees", getfenv(0) == _G, 1) end
keep = u
local co = coroutine.wrap(function()
  setfenv(0, {})
  os.exit(0, true)
end)
co()
