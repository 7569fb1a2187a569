-- %q escapes quotes, backslashes, newlines, CR and NUL
print(string.format("%q", 'he said "hi"\\'))
print(string.format("%q", "line1\nline2"))
print(string.format("%q", "cr\rnul\0end"))
print(string.format("%q", "\1\2\127"))
print(string.format("%q", 1/3))
