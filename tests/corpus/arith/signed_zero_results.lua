-- the sign of zero results of %, *, unary minus and division
print(-0 % 1, 0 % -1, -5 % 5, 5 % -5, -0.0 % -1)
print(0 * -1, -0 * -1, -0 + 0, -0 - 0, 0 - 0)
print(-(0), -(-0), 0 / -5, -0 / 5, -0 / -5)
print(math.floor(-0.5), math.ceil(-0.5), math.floor(-0.0), math.abs(-0.0))
print(math.fmod(-6, 3), math.fmod(6, -3), math.fmod(-0.0, 1))
