-- uncaught arithmetic on a nil local names the local in the message
local a = 1
local b
print("before")
print(a + b)
print("not reached")
