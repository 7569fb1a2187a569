-- an error raised in a hook propagates to the hooked code and can be caught by pcall
local function target() local a = 1 return a end
debug.sethook(function(e, l)
  if debug.getinfo(2, "S").linedefined == 2 then error("hook says no") end
end, "l")
local r = {pcall(target)}
debug.sethook()
print(#r, r[1], r[2])
debug.sethook(function(e)
  if debug.getinfo(2, "S").linedefined == 2 then error({code = 7}) end
end, "c")
local ok, err = pcall(target)
debug.sethook()
print(ok, type(err), err.code)
debug.sethook(function(e) if e == "return" then error("on return", 0) end end, "r")
print(pcall(target))
debug.sethook()
print(debug.gethook())
