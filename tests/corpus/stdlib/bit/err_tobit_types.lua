-- bit.tobit and bit.bnot with non-numbers
print(pcall(bit.tobit, "abc"))
print(pcall(bit.tobit, true))
print(pcall(bit.bswap))
local t = {}
t.x = bit.bnot(nil)
