print("hi")
local o = {}
o:m(1, 2)
o.a.b:c "x"
f{1, 2}
local a = f(g(h()))
local b, c = f(), g()
print(f(...))
print(...)
local d = (f())
return f(1)
