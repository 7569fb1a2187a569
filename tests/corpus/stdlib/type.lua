-- type names of every kind of value
print(type(nil), type(true), type(0), type(""), type({}))
print(type(print), type(function() end), type(coroutine.create(print)))
print(type(newproxy()), type(type))
print(pcall(type))
