-- glibc strftime padding flags (%-d %_d %0e %^a %#b) and widths pass through
local t = 1000000000
print(os.date("!%-d|%_d|%0e|%^a|%#B|%10Y|%-H|%_m|%-j", t))
