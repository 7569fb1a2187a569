-- call hooks for natives and what they call: pcall, xpcall and its handler, error, table.sort's comparator
local out = {}
debug.sethook(function(e)
  local i2 = debug.getinfo(2, "nS")
  local i3 = debug.getinfo(3, "nSl")
  out[#out + 1] = e .. " " .. tostring(i2.name) .. " " .. i2.what .. " / " .. tostring(i3 and i3.name) .. " " .. tostring(i3 and i3.currentline)
end, "cr")
local r1 = select(2, pcall(error, "x"))
local r2 = select(2, xpcall(function() error("y") end, function(m) return "handled " .. m end))
local t = {3, 1, 2}
table.sort(t, function(a, b) return a < b end)
local r3 = select(2, pcall(string.rep))
debug.sethook()
print(r1, r2, r3)
print(table.concat(out, "\n"))
