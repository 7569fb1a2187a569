-- methods can be called on string literals through the string metatable
print(("abc"):len(), ("%d"):format(7), ("x"):byte())
print(#("abc"):rep(3))
