-- a call whose '(' starts a new line
local f, err = loadstring("local a = print\n(print)('x')")
print(f ~= nil, err)
print(loadstring("local a = 1 local b = a\n(a)()"))
