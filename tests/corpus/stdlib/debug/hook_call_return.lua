-- call and return hooks: call events for Lua and C functions, return events only for Lua ones, with getinfo names
local out = {}
local function inner(x) return x + 1 end
local function outer(x)
  local y = inner(x)
  return tostring(y)
end
debug.sethook(function(event)
  local info = debug.getinfo(2, "nS")
  out[#out + 1] = event .. " " .. info.what .. " " .. tostring(info.name) .. " " .. info.namewhat
end, "cr")
local r = outer(1)
debug.sethook()
print(r)
print(table.concat(out, "\n"))
