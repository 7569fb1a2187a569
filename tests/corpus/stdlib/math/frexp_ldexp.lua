-- math.frexp and math.ldexp, zeros, subnormals, infinities, fractional exponents
print(math.frexp(0), math.frexp(-0.0), math.frexp(1), math.frexp(-3), math.frexp(1/0))
print(math.frexp(2^-1070), math.frexp(1e308), math.frexp(5e-324), math.frexp(0.1))
print(math.ldexp(1, 3), math.ldexp(0.5, 1024), math.ldexp(1, -1074), math.ldexp(1, -1075), math.ldexp(1.5, -1074))
print(math.ldexp(1, 2^40), math.ldexp(3, 1.5), math.ldexp(2, -1.5), math.ldexp(1, -2^40), math.ldexp(-0.0, 5), math.ldexp(1, "3"))
print(math.ldexp(1, 0/0) ~= math.ldexp(1, 0/0), math.ldexp(1, 1/0), math.ldexp(1, -1/0), math.ldexp(-1/0, 1/0))
print(pcall(math.ldexp, 1))
