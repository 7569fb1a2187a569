-- os.date('!*t') fields, and '*t' with a leading ! on several times
for _, t in ipairs{0, 86399, 951782400, 2000000000, -86400} do
  local d = os.date("!*t", t)
  print(t, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
end
