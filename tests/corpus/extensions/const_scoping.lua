-- const locals are ordinary locals to read, also as upvalues and in nested scopes
const limit = 3
local function under(x) return x < limit end
print(under(2), under(5))
do
  const limit2 = limit * 2
  print(limit2)
end
local limit2 = "redeclared after the const's scope"
print(limit2)
print(loadstring("const a = 1 for a = 1, 2 do end"))
print(loadstring("const a = 1 local function f(a) end"))
print(loadstring("const a = 1 function a.b() end") ~= nil)
print(loadstring("const a = {} a.b = 1 a[1] = 2") ~= nil)
const function fact(n) return n <= 1 and 1 or n * fact(n - 1) end
print(fact(5))
print(loadstring("const function f() end f = nil"))
