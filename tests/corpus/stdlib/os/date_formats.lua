-- os.date: literal text, empty format, "%" at the end, embedded NUL, long output
local t = 86400 * 400 + 3661
print(os.date("!year %Y, day %j", t))
print(os.date("!", t) == "", os.date("", t) == "")
print(os.date("!%Y%", t))
print(#os.date("!" .. ("%c"):rep(50), t))
print(os.date("!abc\0%Y", t))
print(os.date("!%%Y", t), os.date("!%Q", t))
print(os.date("!%Y", 2.9), os.date("!%Y", -0.5), os.date("!%Y", "100"))
