-- function statement names and parameter lists
print(loadstring("function a.b:c.d() end"))
print(loadstring("function (x) end"))
print(loadstring("function f(a,) end"))
print(loadstring("function f(..., a) end"))
print(loadstring("function f(1) end"))
print(loadstring("local function a.b() end"))
