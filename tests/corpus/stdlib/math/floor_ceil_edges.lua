-- math.floor and math.ceil on -0, halves, huge values, inf and NaN
print(math.floor(-0.0), math.ceil(-0.0), math.floor(-0.5), math.ceil(-0.5), math.ceil(0.5))
print(math.floor(2^60 + 0.0), math.ceil(-2^60), math.floor(1/0), math.ceil(-1/0), math.floor(0/0) ~= math.floor(0/0))
print(math.floor(2^53 - 0.5), math.ceil(2^52 + 0.5), math.floor(-2^52 - 0.5), math.floor(1e300), math.floor("3.7"))
print(math.floor(-3.5), math.ceil(3.000001), math.ceil(-2^31 - 0.5), math.floor(2^31 + 0.5))
