-- uncaught failing assert with and without a message
print(assert(1, "fine"))
assert(false, "assertion message")
