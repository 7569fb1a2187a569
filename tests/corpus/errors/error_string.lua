-- uncaught error with a string message gets a position
print("about to fail")
error("something went wrong")
