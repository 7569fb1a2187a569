-- math.fmod: signs, zero divisors, infinities, large operands
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(5.5, 2), math.fmod(-0.0, 3))
print(math.fmod(7, 0), math.fmod(-7, 0), math.fmod(0, 0), math.fmod(1/0, 2), math.fmod(5, 1/0))
print(math.fmod(2^53, 3), math.fmod(-2^63, 7), math.fmod(1e308, 1e-308), math.fmod("8", "3"))
