-- uncaught failing assert without a message
assert(nil)
