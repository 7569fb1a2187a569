-- os.date in the local zone at fixed times agrees with os.time's inverse
for _, t in ipairs({0, 86399, 1234567890, 1700000000}) do
  local d = os.date("*t", t)
  print(os.time(d) == t, d.isdst, os.date("%Y-%m-%d %H:%M:%S", t) == string.format("%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.min, d.sec))
end
