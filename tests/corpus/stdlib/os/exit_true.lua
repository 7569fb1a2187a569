-- os.exit(true) exits with status 0 after flushing output
print("before")
io.write("partial line")
os.exit(true)
print("after")
