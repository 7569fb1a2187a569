-- os.time truncates fractional and string fields to integers
print(os.time({year = 2001.9, month = 1.9, day = 1.9, hour = 0.5, min = -0.5, sec = "30.7"}))
print(os.time({year = 2001, month = 1, day = 1, hour = 0}) + 30 == os.time({year = 2001, month = 1, day = 1, hour = 0, sec = 30}))
