-- os.exit(-1) exits with status 255
print("bye")
os.exit(-1)
