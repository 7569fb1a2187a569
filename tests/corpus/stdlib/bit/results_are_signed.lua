-- bit results are signed 32-bit numbers; tobit normalises sums
print(bit.bor(0x80000000), bit.band(0xffffffff, 0xffffffff), bit.bnot(0x7fffffff), bit.rshift(-1, 0))
print(bit.tobit(0xffffffff + 1), bit.tobit(0x7fffffff + 1), bit.tobit(2^31 * 3))
local x = 0
for i = 1, 10 do x = bit.tobit(x * 31 + i * 0x01000193) end
print(x, bit.tohex(x))
