-- pow, exp and log at special values
print(math.pow(0/0, 0), math.pow(1, 0/0), math.pow(-1, 1/0), math.pow(2, -1075), math.pow(-2, 3), math.pow(0, 0))
print(math.exp(710), math.exp(-1/0), math.exp(0), math.exp(-745.2))
print(math.log(-0.0), math.log(1/0), math.log(1), math.log10(0), math.log10(1e-300))
