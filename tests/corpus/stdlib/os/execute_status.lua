-- os.execute returns system()'s raw status (Lua 5.1 style)
print(os.execute(), os.execute("exit 3"), os.execute("true"), os.execute("exit 255"))
print(pcall(os.execute, {}))
