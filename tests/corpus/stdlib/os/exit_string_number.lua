-- os.exit with a numeric string and a fractional number
print("x")
os.exit("7.9")
