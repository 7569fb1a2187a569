-- method calls need a name and arguments
print(loadstring("a:b"))
print(loadstring("a:1()"))
print(loadstring("a:b.c()"))
print(loadstring("a:b{}") ~= nil, loadstring("a:b'x'") ~= nil)
