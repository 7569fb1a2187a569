-- math.ldexp without an exponent, uncaught
print(math.ldexp(1, 2))
math.ldexp(1)
