-- uncaught error with nil prints nothing but still fails
print("before")
error(nil)
