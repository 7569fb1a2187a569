-- os.time with a table: default hour 12, normalised out-of-range fields, round trip through os.date
local function utc_offset()
  local t = os.time({year = 2000, month = 1, day = 1, hour = 0})
  local d = os.date("!*t", t)
  return d.hour, d.day
end
local t = os.time({year = 2009, month = 2, day = 13, hour = 23, min = 31, sec = 30})
print(os.date("%Y-%m-%d %H:%M:%S", t))
print(os.date("%Y-%m-%d %H:%M:%S", os.time({year = 2009, month = 2, day = 13})))
print(os.date("%Y-%m-%d %H:%M:%S", os.time({year = 2009, month = 14, day = 35, hour = 25, min = 61, sec = -1})))
print(os.date("%Y-%m-%d %H:%M:%S", os.time({year = 2000, month = 3, day = 0})))
print(os.date("%Y-%m-%d", os.time({year = "2001", month = "7", day = "4.9"})))
print(os.time({year = 1970, month = 1, day = 1, hour = 0}) == -os.time({year = 1970, month = 1, day = 1, hour = 0}) * -1)
local d = os.date("*t", t)
print(os.time(d) == t, d.isdst == false or d.isdst == true)
