local a, b = ...
print(!a, !!b, !(a == b), a != b, a != 1, "x" != a)
print(a && b, a || b, a && b || 1, !a && b)
if a != nil && b || !a then print(1) end
while !a do a = 1 end
