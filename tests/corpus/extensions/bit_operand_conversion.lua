-- bit operators convert numbers like bit.tobit: round to nearest even, wrap modulo 2^32
local vals = {0, -0, 0.5, 1.5, 2.5, -2.5, 2^31, 2^32 + 7, -2^31 - 1, 2^52 + 1, 2^53, 2^60 + 2^40, -2^63, 1e300, 1/0, -1/0, 0/0, 0x7fffffff, 0xffffffff}
for _, v in ipairs(vals) do
  print(v | 0, v & 0xffff, ~v, v << 1, v >> 1, v ~>> 31)
end
local x = 1
print(x << -1, x << 33, x >> -31, -1 >> 28, -1 ~>> 100, 7 & -1.5)
print(math.huge | 0, -(0/0) | 0, 3 ~ 3.4, 0xff ~>> 4.5)
