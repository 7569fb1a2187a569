-- "unexpected symbol" errors name the offending token
print(loadstring("x = = 1"))
print(loadstring("local 1 = 2"))
print(loadstring("f(,)"))
print(loadstring("return )"))
print(loadstring("x = }"))
