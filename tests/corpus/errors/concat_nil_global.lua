-- uncaught concatenation of a nil global
print("name: " .. username)
