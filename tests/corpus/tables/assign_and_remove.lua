-- assigning nil removes a key
local t = {a = 1, b = 2}
t.a = nil
print(t.a, t.b, next(t))
t.b = nil
print(next(t))
