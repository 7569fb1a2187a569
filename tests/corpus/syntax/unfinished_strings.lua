-- unfinished strings and long strings
print(loadstring("x = 'abc"))
print(loadstring("x = \"abc\ny\""))
print(loadstring("x = [[abc"))
print(loadstring("x = [==[abc]]"))
print(loadstring("--[[ unfinished comment"))
