-- bit functions accept numeric strings
print(bit.tobit("10"), bit.tobit("0x10"), bit.tobit(" 12 "), bit.tobit("1e3"))
print(bit.band("7", 3), bit.lshift("1", "4"), bit.tohex("255", "2"))
