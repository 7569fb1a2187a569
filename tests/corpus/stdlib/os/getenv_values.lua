-- os.getenv for missing variables and argument errors
print(os.getenv("NEAP_SURELY_UNSET_VARIABLE_XYZ"), type(os.getenv("PATH")))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))
print(os.getenv(""))
