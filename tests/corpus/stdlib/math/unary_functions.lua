-- the plain unary and binary math functions on ordinary and special values
print(math.abs(-0.0), math.abs(-1/0), math.abs("-3"), math.sqrt(2), math.sqrt(-1) ~= math.sqrt(-1))
print(math.exp(1), math.pow(2, 0.5), math.pow(0, -1), math.pow(-8, 1/3) ~= math.pow(-8, 1/3), math.pow(2, 10))
print(math.atan2(1, 1), math.atan2(-0.0, -1), math.atan2(0.0, -1), math.atan(1), math.atan(-1/0))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(1), math.acos(0.5))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.log10(1000), math.log10(2))
print(math.huge, -math.huge, math.pi)
