-- os.date on negative, fractional, 2038+ and out-of-range times
print(os.date("!%Y-%m-%d %H:%M:%S", -1), os.date("!%c", 2^31), os.date("!%Y", 253402300799))
print(pcall(os.date, "!%Y", 2^60))
print(pcall(os.date, "!%Y", 1e20))
print(pcall(os.date, "!%Y", 0/0))
print(os.date("!%Y", 1.9), os.date("!%S", -0.5), os.date("!%%%n%t|", 0))
print(os.date("!*t", 0).isdst, pcall(os.date, "*t", {}))
