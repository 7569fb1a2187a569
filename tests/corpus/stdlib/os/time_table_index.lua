-- os.time reads the date fields through __index, in LuaJIT's order
local log = {}
local t = setmetatable({}, {__index = function(_, k)
  log[#log + 1] = k
  local d = {year = 2001, month = 2, day = 3, hour = 4}
  return d[k]
end})
print(os.date("!%Y-%m-%d %H:%M:%S", os.time(t)))
print(table.concat(log, " "))
