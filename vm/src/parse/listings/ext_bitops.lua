local a, b = 5, 3
print(a & b, a | b, a ~ b, ~a, a << b, a >> b, a ~>> b)
print(a & 1, 2 | b, 1 << 40, ~7, ~-1.5, 3 & 5 | 8)
local t = {}
print(t.x & t.y, a + b & a - b, ~t.z, a ~ b ~ 1, 1 ~>> a)
print(3 & 5 == 1, 1 | 2 ~ 3 & 4 << 1, 2^31 | 0, 0.5 & 1)
