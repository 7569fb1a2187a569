-- \xXX hex escapes take exactly two hex digits, either case
print("\x41\x42\x43")
print("\x7a\x7A" == "zz")
print(string.byte("\xff"), string.byte("\x00"), string.byte("\x0a"))
print("\x411" == "A1")
