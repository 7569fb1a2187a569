-- invalid escape sequences in strings
print(loadstring([[x = "\q"]]))
print(loadstring([[x = "\x4"]]))
print(loadstring([[x = "\xZZ"]]))
print(loadstring([[x = "\256"]]))
print(loadstring([[x = "\u{110000}"]]))
print(loadstring([[x = "\u{}"]]))
print(loadstring([[x = "\u41"]]))
