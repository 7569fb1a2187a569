-- string.format %q on control characters, quotes, backslashes, newlines, zeros and numbers
print(string.format("%q", "line1\nline2"))
print(string.format("%q", "tab\there \"q\" back\\slash"))
print(string.format("%q", "\0\1\0011\r\127\255"))
print(string.format("%q", 1/3), string.format("%q", 42), string.format("%q", -0.0))
print(pcall(string.format, "%q", print))
print(pcall(string.format, "%q", nil))
print(string.format("%q", "\26x\0009"))
