-- uncaught assignment into a field of a nil global
config.x = 1
