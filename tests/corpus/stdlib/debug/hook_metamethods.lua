-- call/return hooks see metamethod calls, named as metamethods
local out = {}
local mt = {
  __index = function(t, k) return k end,
  __add = function(a, b) return 1 end,
  __concat = function(a, b) return "c" end,
}
local obj = setmetatable({}, mt)
debug.sethook(function(e)
  local info = debug.getinfo(2, "n")
  out[#out + 1] = e .. " " .. tostring(info.name) .. " " .. info.namewhat
end, "cr")
local a = obj.field
local b = obj + 1
local c = obj .. "x"
debug.sethook()
print(table.concat(out, "\n"))
