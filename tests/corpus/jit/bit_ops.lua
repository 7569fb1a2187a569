-- bit library and bitwise operators in hot loops, including tobit rounding and big numbers
local h = 0
for i = 1, 500 do
  h = bit.bxor(bit.lshift(h, 5), bit.rshift(h, 2), i)
  h = bit.band(h, 0x7fffffff)
end
print(h, bit.tohex(h))
local r = 0
for i = 1, 300 do r = r + bit.rol(i, 7) - bit.ror(i, 3) + bit.arshift(-i, 2) + bit.bnot(i) + bit.bswap(i) end
print(r)
local t = 0
for i = 1, 300 do t = t + bit.tobit(i + 0.5) + bit.tobit(2^32 + i) + bit.tobit(-i - 0.5) end
print(t)
local u = 0
for i = 1, 300 do u = u + (i & 0xff) + (i | 3) + (i ~ 5) + (i << 2) + (i >> 1) + (-i ~>> 1) + ~i end
print(u)
