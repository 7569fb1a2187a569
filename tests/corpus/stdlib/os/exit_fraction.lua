-- os.exit(2.9) truncates to status 2
print("bye")
os.exit(2.9)
