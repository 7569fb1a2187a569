-- t[1] and t[1.0] are the same key; 1.5 is another
local t = {}
t[1] = "int"
print(t[1.0])
t[2.0] = "float two"
print(t[2], #t)
t[1.5] = "one and a half"
print(t[1.5], t[1], #t)
t[2^53] = "big"
print(t[2^53])
t[-0.0] = "zero"
print(t[0])
