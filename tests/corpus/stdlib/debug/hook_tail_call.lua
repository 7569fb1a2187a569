-- call/return hooks with tail calls: each call fires, the tail-called chain returns once
local out = {}
local function c3() return 3 end
local function c2() return c3() end
local function c1() local v = c2() return v end
debug.sethook(function(event)
  local info = debug.getinfo(2, "nl")
  out[#out + 1] = event .. " " .. tostring(info.name) .. " " .. info.currentline
end, "cr")
c1()
debug.sethook()
print(table.concat(out, "\n"))
