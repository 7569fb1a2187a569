-- print with several arguments, tabs between them
print("hello", 1, 2.5, nil, true)
print()
print(1, "two", 3)
