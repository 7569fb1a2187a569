-- os.time normalises out-of-range fields (month 13, day 0, negative seconds) in UTC-independent ways
local base = os.time{year = 2020, month = 1, day = 1, hour = 12}
local function diff(t) return os.time(t) - base end
print(diff{year = 2020, month = 1, day = 2, hour = 12})
print(diff{year = 2019, month = 13, day = 1, hour = 12})
print(diff{year = 2020, month = 1, day = 0, hour = 12})
print(diff{year = 2020, month = 1, day = 1, hour = 12, min = -1})
print(diff{year = 2020, month = 1, day = 1, hour = 12, sec = 3600})
print(diff{year = 2020, month = 2, day = 30, hour = 12} / 86400)
print(diff{year = 2020, month = 1, day = 1, hour = 36} / 3600)
