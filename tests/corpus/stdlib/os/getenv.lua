-- os.getenv: set and unset variables, argument errors
print(type(os.getenv("PATH")), os.getenv("NEAP_SURELY_UNSET_VARIABLE_123"))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))
print(os.getenv(12345))
