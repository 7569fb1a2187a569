-- os.time: required fields, non-table arguments, unrepresentable dates
print(pcall(os.time, {year = 2000, month = 1}))
print(pcall(os.time, {year = 2000, day = 1}))
print(pcall(os.time, {month = 1, day = 1}))
print(pcall(os.time, {year = 2000, month = 1, day = "x"}))
print(pcall(os.time, 5))
print(os.time({year = 2^31 + 5000, month = 1, day = 1}) == nil)
os.time({})
