-- uncaught error with a number value gets a position
error(42)
