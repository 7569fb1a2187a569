-- strings with NUL and non-UTF-8 bytes print as raw bytes
print("a\0b")
print("\255\254", #"\255\254")
print("tab\there", "cr\rback")
print(("\0"):rep(3) == "\0\0\0")
