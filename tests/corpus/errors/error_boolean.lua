-- uncaught error with a boolean value
error(false)
