-- os.time normalises like mktime: negative and overflowing fields, years before 1970
local function show(t) print(os.date("!%Y-%m-%d %H:%M:%S", os.time(t)), os.time(t)) end
show({year = 2020, month = 0, day = 1})
show({year = 2020, month = -13, day = 1})
show({year = 2020, month = 3, day = -30})
show({year = 2020, month = 1, day = 1, hour = -25})
show({year = 2020, month = 1, day = 1, min = 1e4, sec = 1e6})
show({year = 1960, month = 6, day = 15})
show({year = 1900, month = 1, day = 1})
show({year = 2100, month = 2, day = 29})
show({year = 2038, month = 1, day = 19, hour = 3, min = 14, sec = 8})
