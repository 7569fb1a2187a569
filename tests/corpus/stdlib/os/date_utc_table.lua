-- os.date("!*t") fields, including negative and far times
local function show(t)
  local d = os.date("!*t", t)
  print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
end
show(0) show(1234567890) show(-1) show(951782400) show(4102444800) show(-2208988800) show(1e11)
