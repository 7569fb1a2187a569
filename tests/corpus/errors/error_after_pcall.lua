-- a caught error followed by an uncaught one
print(pcall(error, "caught"))
error("uncaught")
