-- '...' is only allowed in vararg functions
print(loadstring("local function f() return ... end"))
print(loadstring("function g(a, b) print(...) end"))
print(loadstring("return ...") ~= nil)
print(loadstring("local function h(...) return function() return ... end end"))
