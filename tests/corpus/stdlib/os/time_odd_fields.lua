-- os.time with huge years, fractional and string fields, isdst, and bad field types
local base = os.time{year = 2020, month = 1, day = 1}
print(pcall(os.time, {year = 2^40, month = 1, day = 1}))
print(os.time{year = 2020, month = 1, day = 1.5} - base, os.time{year = 2020, month = 1, day = 1, min = 1.7} - base)
print(os.time{year = 2020, month = 1, day = 1, isdst = false} - base)
print(pcall(os.time, {year = 2020, month = 1, day = 1, hour = "x"}))
print(pcall(os.time, {year = 2020, month = 1, day = 1, hour = {}}))
