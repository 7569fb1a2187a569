-- hex strings convert in arithmetic and tonumber
print("0x10" * 1, "0XfF" + 0, tonumber("0x10"))
print("0x1p4" + 0, tonumber("0x1P-1"))
print(tonumber("0x"), tonumber("0xg"), tonumber("x10"))
