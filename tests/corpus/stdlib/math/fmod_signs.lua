-- math.fmod signs with negative operands, zero divisors and infinities
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3), math.fmod(7.5, 2))
print(math.fmod(1, 0) ~= math.fmod(1, 0), math.fmod(1, 1/0), math.fmod(1/0, 1) ~= math.fmod(1/0, 1), math.fmod(-0.0, 1))
print(math.fmod(5.3, -2), math.fmod(2^53, 3), math.fmod("7", "4"))
