-- os.exit(257) exits with status 1 (the low byte)
print("bye")
os.exit(257)
