-- numeric literals at the edge of the double range
print(1e-400, -1e-400, 1e309, 0x1p-1074, 0x1p-1075)
print(0x1.fffffffffffffp1023, 0x1p1024)
print(0x.1, 0x1., 0xA.8, 3e0, 3E-0)
print(.0, 0., 00.5, 1e00)
