-- uncaught error with a float number and no position
error(3.5, 0)
