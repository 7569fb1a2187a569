-- uncaught comparison of a string with a number
print("10" < 5)
