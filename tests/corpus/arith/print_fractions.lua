-- fractions print with up to 14 significant digits
print(0.1, 0.5, 1/3, 2/3, 0.1 + 0.2)
print(3.14159265358979, math.pi, -math.pi)
print(1.5e-10, 1e-5, 0.0001, 123.456)
print(100.25, 1e-4 * 3, 12345.678901234567)
