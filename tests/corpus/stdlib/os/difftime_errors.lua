-- os.difftime argument errors, uncaught
print(os.difftime(1e9, 1))
os.difftime("x")
