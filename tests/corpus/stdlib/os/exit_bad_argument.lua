-- os.exit with a table is an argument error
print(pcall(os.exit, {}))
os.exit({})
