-- os.difftime with one and two arguments and fractional values
print(os.difftime(10, 5), os.difftime(5, 10), os.difftime(0, 0), os.difftime(1.5, 0.5))
print(pcall(os.difftime, 5))
print(pcall(os.difftime))
print(pcall(os.difftime, "x", 1))
