-- \ddd decimal escapes take up to three digits
print("\65\066\0671")
print(#"\0", #"a\0b", string.byte("a\0b", 2))
print("\1234" == "{4")
print(string.byte("\255"), string.byte("\9"), string.byte("\10"))
print("x\0y" == "x\000y")
