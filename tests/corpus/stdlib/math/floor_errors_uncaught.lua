-- math.floor with a string that is not a number, uncaught
print(math.floor("12"))
math.floor("twelve")
