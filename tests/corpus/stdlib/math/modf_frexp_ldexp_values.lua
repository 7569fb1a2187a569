-- modf, frexp and ldexp on negatives, infinities, subnormals and zero
print(math.modf(3.7)) print(math.modf(-3.7)) print(math.modf(1/0)) print(math.modf(-1/0)) print(math.modf(5))
print(math.frexp(0)) print(math.frexp(1)) print(math.frexp(-0.75)) print(math.frexp(2^-1074)) print(math.frexp(1/0))
print(math.ldexp(1, 10), math.ldexp(0.5, -1073), math.ldexp(1, 1024), math.ldexp(-1, 3.9), math.ldexp(3, "2"))
print(pcall(math.ldexp, 1)) print(pcall(math.frexp)) print(pcall(math.modf, "x"))
