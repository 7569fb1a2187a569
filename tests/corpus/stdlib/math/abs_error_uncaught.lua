-- math.abs without an argument, uncaught
print(math.abs(-2))
math.abs()
