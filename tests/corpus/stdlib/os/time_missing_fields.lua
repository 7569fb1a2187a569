-- os.time table fields: required day/month/year, defaults for hour/min/sec, bad types
print(pcall(os.time, {year = 2020, month = 1}))
print(pcall(os.time, {year = 2020, day = 1}))
print(pcall(os.time, {month = 1, day = 1}))
print(pcall(os.time, {year = "x", month = 1, day = 1}))
print(os.time{year = 2020, month = 1, day = 1} - os.time{year = 2020, month = 1, day = 1, hour = 12})
print(os.time{year = "2020", month = "1", day = "1", hour = 12} == os.time{year = 2020, month = 1, day = 1, hour = 12})
print(pcall(os.time, 5))
