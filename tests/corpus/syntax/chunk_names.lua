-- loadstring chunk names: default, custom, =name and @name
print(loadstring("x ="))
print(loadstring("x =", "mychunk"))
print(loadstring("x =", "=plain"))
print(loadstring("x =", "@file.lua"))
print(loadstring("\nx =", "line two"))
print(loadstring("a very long source line that goes on and on and on and on = 1"))
print(loadstring("first line\nsecond line"))
