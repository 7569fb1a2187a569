-- sqrt, floor, ceil and abs near zero and at the int64 limits
print(math.sqrt(-0.0), math.floor(-1e-300), math.ceil(1e-300), math.ceil(-1e-300), math.abs(-2^63))
print(math.floor(-2^63), math.ceil(2^63), math.floor(4503599627370495.5), math.ceil(-4503599627370495.5))
print(math.fmod(-6, 3), math.fmod(6, -3), math.fmod(-1/0, 1) ~= math.fmod(-1/0, 1), math.fmod(3, 0/0) ~= 0)
print(math.frexp(-0.5)) print(math.frexp(2^1023)) print(math.frexp(-5e-324))
print(math.max(-0.0), math.max(1, 2, 0/0, 3), math.min(1, 0/0, 0))
