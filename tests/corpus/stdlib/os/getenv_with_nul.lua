-- os.getenv stops at an embedded NUL, as C does
print(os.getenv("PATH\0ignored") == os.getenv("PATH"))
print(os.getenv(""))
