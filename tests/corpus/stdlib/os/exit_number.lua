-- os.exit(n) exits with status n
print("before")
os.exit(3)
