-- uncaught error with level 0 has no position
error("no position", 0)
