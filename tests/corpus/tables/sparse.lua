-- sparse tables with large integer keys
local t = {}
t[1] = "a"
t[1000000] = "b"
t[-5] = "c"
t[0] = "d"
print(t[1], t[1000000], t[-5], t[0], #t)
