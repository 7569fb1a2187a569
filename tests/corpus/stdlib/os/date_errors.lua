-- os.date argument errors and unrepresentable times
print(pcall(os.date, {}))
print(pcall(os.date, "!%Y", "x"))
print(pcall(os.date, "!%Y", {}))
print(os.date("!%Y", 2^60), os.date("!*t", -2^60), os.date("!%Y", 0/0))
