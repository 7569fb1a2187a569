-- a hook may replace or clear the hook: the new one takes effect from the next event
local out = {}
debug.sethook(function(e, l)
  out[#out + 1] = "first " .. l
  debug.sethook(function(e, l)
    out[#out + 1] = "second " .. l
    if l == 11 then debug.sethook() end
  end, "l")
end, "l")
local u = 1
local w = 2
local x = 3
print(table.concat(out, "\n"))
local f, m, c = debug.gethook()
print(type(f), m, c)
