-- very large and very small numbers switch to exponent notation
print(1e15, 1e16, 1e100, 1e300, -1e300)
print(1e-4, 1e-5, 1e-100, 1e-300, 5e-324)
print(2^1023, 2^-1074, 2^-1080)
print(123e20, 0.000001234)
