-- getinfo(2, "l") inside hooks: the line about to run for line events, the definition line for call events
local out = {}
local function f(a)
  local b = a
  return b
end
debug.sethook(function(e, l)
  local info = debug.getinfo(2, "lS")
  out[#out + 1] = e .. " " .. tostring(l) .. " " .. info.currentline .. " " .. info.linedefined .. " " .. info.what
end, "crl")
f(1)
debug.sethook()
print(table.concat(out, "\n"))
