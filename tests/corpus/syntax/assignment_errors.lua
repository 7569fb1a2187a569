-- things that can't be assigned to
print(loadstring("f() = 1"))
print(loadstring("1 = 2"))
print(loadstring("a, f() = 1, 2"))
print(loadstring("(a) = 1"))
print(loadstring("a.b:c = 1"))
print(loadstring("'s' = 1"))
