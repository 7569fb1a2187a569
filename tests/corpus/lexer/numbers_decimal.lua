-- decimal number literals in their various forms
print(1, 1.0, 1., .5, 3.25)
print(1e2, 1E2, 1e+2, 1e-2, 2.5e3)
print(0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75)
print(123456789012, 1e15, 1e16)
print(007, 0010)
