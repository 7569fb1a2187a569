-- a native function can be the hook: print gets the event name and line
local function f()
  return 1
end
debug.sethook(print, "crl")
f()
debug.sethook()
debug.sethook(print, "", 2)
local a = 1
local b = 2
debug.sethook()
